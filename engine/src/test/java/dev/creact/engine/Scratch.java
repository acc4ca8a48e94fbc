package dev.creact.engine;

import dev.creact.engine.model.Json;
import java.nio.file.Path;

public class Scratch {
    public static void main(String[] args) {
        try (var engine = new CreactEngine()) {
            for (int i = 0; i < 40; i++) {
                var r = engine.build(BuildRequest.of(Path.of(args[0]), Path.of(args.length > 1 ? args[1] : "infrastructure.tsx"), "dev"));
                System.out.print(r.elapsed().toMillis() + " ");
                r.problems().forEach(p -> System.out.println(p.render()));
                if (i == -1 && r.cloudDom() != null) System.out.println(Json.writePretty(r.cloudDom()));
                if (r.render() != null) System.out.print(r.render().console());
            }
        }
    }
}
