package dev.creact.cli;

import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.backend.FileStateBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan as people and tools see it, compared with reviewed files in src/test/resources/golden.
 * After an intended change of the output, run with UPDATE_GOLDEN=1 and review the diff.
 */
@DisplayName("creact plan output (golden files)")
class PlanGoldenTest {
    static final String DEPLOYED = """
            import { useInstance } from "creact";
            import { LocalDirectory, LocalFile, RandomId } from "creact/local";
            import { MockResource } from "creact/mock";

            function Web() {
              const dir = useInstance(LocalDirectory, { key: "root", path: "out/web" });
              useInstance(LocalFile, { key: "index", path: "out/web/index.html", content: "v1", dependsOn: [dir] });
              useInstance(LocalFile, { key: "old", path: "out/web/old.html", content: "bye", dependsOn: [dir] });
              return null;
            }

            export default function App() {
              useInstance(MockResource, { key: "db", size: 1 });
              return <Web />;
            }
            """;

    static final String EDITED = """
            import { useInstance } from "creact";
            import { LocalDirectory, LocalFile, RandomId } from "creact/local";
            import { MockResource } from "creact/mock";

            function Web() {
              const dir = useInstance(LocalDirectory, { key: "root", path: "out/site" });
              const id = useInstance(RandomId, { key: "build", bytes: 4 });
              useInstance(LocalFile, { key: "index", path: "out/site/index.html", content: `v2 ${id.outputs.hex}`, dependsOn: [dir] });
              return null;
            }

            export default function App() {
              useInstance(MockResource, { key: "db", size: 2 });
              return <Web />;
            }
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void setUp() throws IOException {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("infrastructure.tsx"), DEPLOYED);
        try (var engine = new CreactEngine(); var project = engine.open(dir)) {
            var r = project.stack("dev").build(BuildInput.of(Path.of("infrastructure.tsx")), CancellationToken.NONE);
            assertTrue(r.ok(), r.problems().toString());
            new FileStateBackend(dir).write("dev", r.cloudDom(), 0);
        }
        Files.writeString(dir.resolve("infrastructure.tsx"), EDITED);
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    @DisplayName("the human plan: grouped by action, one line per changed prop, order in batches, summary")
    void human() throws IOException {
        int code = Main.run("plan", "--no-color", "--detailed-exitcode", "--entry", dir.resolve("infrastructure.tsx").toString());
        assertEquals(2, code, "changes present");
        golden("plan.txt", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("plan --json: the documented plan format (formatVersion 1) and nothing else on stdout")
    void json() throws IOException {
        int code = Main.run("plan", "--json", "--entry", dir.resolve("infrastructure.tsx").toString());
        assertEquals(0, code);
        golden("plan.json", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Plan: 1 to create, 1 to update, 2 to replace, 1 to delete."),
                "people read stderr: " + err);
    }

    @Test
    @DisplayName("with nothing to do, --detailed-exitcode exits 0")
    void noChanges() throws IOException {
        Files.writeString(dir.resolve("infrastructure.tsx"), DEPLOYED);
        assertEquals(0, Main.run("plan", "--no-color", "--detailed-exitcode", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("No changes."), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("bad input: unknown --target, a corrupt saved-plan target folder, a cycle; each exits 1")
    void badInput() throws IOException {
        assertEquals(1, Main.run("plan", "--no-color", "--detailed-exitcode", "--target", "web.indx",
                "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("did you mean 'web.index'"), out.toString(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { MockResource } from "creact/mock";
                export default function App() {
                  return <><MockResource key="a" dependsOn={["b"]}/><MockResource key="b" dependsOn={["a"]}/></>;
                }
                """);
        out.reset();
        assertEquals(1, Main.run("plan", "--no-color", "--detailed-exitcode", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("dependency cycle: a -> b -> a"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("--out saves a plan that reads back")
    void savedPlan() throws IOException {
        Path file = dir.resolve("p.plan");
        assertEquals(0, Main.run("plan", "--no-color", "--out", file.toString(), "--entry", dir.resolve("infrastructure.tsx").toString()));
        var plan = dev.creact.engine.plan.SavedPlan.read(file, "dev");
        assertEquals(1, plan.stateSerial());
        assertEquals(5, plan.order().size());
    }

    static void golden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (System.getenv("UPDATE_GOLDEN") != null) {
            Files.writeString(file, actual);
        }
        assertEquals(Files.readString(file), actual, "output differs from " + file + " (UPDATE_GOLDEN=1 rewrites it)");
    }
}
