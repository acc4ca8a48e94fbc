package dev.creact.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.core.BuildResult;
import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.Engine;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental rendering against full renders: random edit sequences (props of one instance in the root file, a
 * module-level constant of the shared component, an imported module, a context value, services added, removed
 * and moved, function props, a component made inside the root, deployed outputs and component state changing, a
 * syntax error and its fix) are built step by step through one {@link RenderMemo} and, beside them, with no memo;
 * every step must give the same CloudDOM, the same declarations, the same state and the same problems.
 */
@DisplayName("Incremental rendering gives what a full render gives")
class IncrementalRenderPropertyTest {
    private static final int SEQUENCES = 6;
    private static final int STEPS = 14;

    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = new Engine();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** One service element of the root file. */
    private record Svc(String key, int tier, int variant, boolean fnProp) {
    }

    /** The project as the generator knows it. */
    private static final class Model {
        List<Svc> services = new ArrayList<>();
        int level;
        int variantConstant;
        String region = "eu-west-1";
        boolean inline;
        boolean broken;
        int nextKey;
    }

    private static final String SERVICE = """
            import { createContext, useContext, useInstance, useState } from "creact";
            import type { Handle } from "creact";
            import { MockResource } from "creact/mock";
            import { LocalFile } from "creact/local";
            import { REGION } from "./config";

            export const Chain = createContext<Handle<any>[][]>([]);
            export const Settings = createContext({ level: 0 });
            const VARIANT = %d;

            export function Part({ name, size }: { name: string; size: number }) {
              const s = useContext(Settings);
              const [count] = useState(size * 2);
              useInstance(MockResource, { key: "part", name, size, level: s.level, count, region: REGION });
              return null;
            }

            export function Service({ index, tier, variant, onEvent }: any) {
              const chain = useContext(Chain);
              const prev = chain[index - 1];
              const a = useInstance(MockResource, {
                key: "a",
                tier,
                upstream: prev ? `${prev[0].outputs.id}` : "none",
                v: VARIANT + (onEvent ? onEvent() : 0),
              });
              const b = useInstance(LocalFile, {
                key: "b",
                path: `out/${index}-${tier}.txt`,
                content: `${a.outputs.id}`,
                dependsOn: prev ? [prev[1]] : [],
              });
              chain[index] = [a, b];
              return (
                <>
                  {variant %% 2 === 0 ? <Part name={`p${index}`} size={variant} /> : null}
                  {variant %% 3 === 0 ? (
                    <MockResource key="c" value={tier}>
                      <Part key="inner" name={`i${index}`} size={tier} />
                    </MockResource>
                  ) : null}
                </>
              );
            }
            """;

    private static String root(Model m) {
        var sb = new StringBuilder();
        sb.append("import { Chain, Settings, Service, Part } from \"./components/service\";\n\n");
        sb.append("export default function Stack() {\n  const chain: any[] = [];\n");
        if (m.inline) {
            sb.append("  const Inline = () => <Part name={\"inline-\" + chain.length} size={").append(m.level).append("} />;\n");
        }
        sb.append("  return (\n    <Settings.Provider value={{ level: ").append(m.level).append(" }}>\n");
        sb.append("      <Chain.Provider value={chain}>\n");
        for (int i = 0; i < m.services.size(); i++) {
            var s = m.services.get(i);
            sb.append("        <Service key=\"").append(s.key()).append("\" index={").append(i).append("} tier={")
                    .append(s.tier()).append("} variant={").append(s.variant()).append("}")
                    .append(s.fnProp() ? " onEvent={() => " + s.tier() + "}" : "").append(" />\n");
        }
        if (m.inline) {
            sb.append("        <Inline />\n");
        }
        sb.append("      </Chain.Provider>\n    </Settings.Provider>\n  );\n}\n");
        if (m.broken) {
            sb.append("export const oops = (;\n");
        }
        return sb.toString();
    }

    private static void write(Path dir, Model m) throws IOException {
        Files.createDirectories(dir.resolve("components"));
        Files.writeString(dir.resolve("components/service.tsx"), SERVICE.formatted(m.variantConstant));
        Files.writeString(dir.resolve("components/config.ts"), "export const REGION = \"" + m.region + "\";\n");
        Files.writeString(dir.resolve("infrastructure.tsx"), root(m));
    }

    private static void edit(Model m, Random rnd) {
        m.broken = false;
        switch (rnd.nextInt(11)) {
            case 0, 1 -> {
                if (!m.services.isEmpty()) {
                    int i = rnd.nextInt(m.services.size());
                    var s = m.services.get(i);
                    m.services.set(i, new Svc(s.key(), rnd.nextInt(3), s.variant(), s.fnProp()));
                }
            }
            case 2 -> {
                if (!m.services.isEmpty()) {
                    int i = rnd.nextInt(m.services.size());
                    var s = m.services.get(i);
                    m.services.set(i, new Svc(s.key(), s.tier(), rnd.nextInt(7), s.fnProp()));
                }
            }
            case 3 -> m.services.add(rnd.nextInt(m.services.size() + 1),
                    new Svc("svc-" + m.nextKey++, rnd.nextInt(3), rnd.nextInt(7), rnd.nextInt(5) == 0));
            case 4 -> {
                if (m.services.size() > 1) {
                    m.services.remove(rnd.nextInt(m.services.size()));
                }
            }
            case 5 -> {
                if (m.services.size() > 1) {
                    int i = rnd.nextInt(m.services.size());
                    int j = rnd.nextInt(m.services.size());
                    var s = m.services.get(i);
                    m.services.set(i, m.services.get(j));
                    m.services.set(j, s);
                }
            }
            case 6 -> m.variantConstant = rnd.nextInt(4);
            case 7 -> m.region = rnd.nextBoolean() ? "eu-west-1" : "us-east-" + rnd.nextInt(3);
            case 8 -> m.level = rnd.nextInt(3);
            case 9 -> m.inline = !m.inline;
            default -> m.broken = true;
        }
    }

    /** A deployed state: outputs for some resources of {@code dom}, state for some of its component paths. */
    private static CloudDom deployed(CloudDom dom, Random rnd) {
        var resources = new ArrayList<Node>();
        for (Node n : dom.resources()) {
            resources.add(withOutputs(n, rnd));
        }
        var state = new LinkedHashMap<String, List<JsonNode>>();
        dom.componentState().forEach((path, slots) -> {
            if (rnd.nextBoolean()) {
                state.put(path, List.of(JsonNodeFactory.instance.numberNode(rnd.nextInt(100))));
            }
        });
        return new CloudDom(dom.formatVersion(), dom.stack(), resources, state);
    }

    private static Node withOutputs(Node n, Random rnd) {
        var children = new ArrayList<Node>();
        for (Node c : n.children()) {
            children.add(withOutputs(c, rnd));
        }
        var outputs = JsonNodeFactory.instance.objectNode();
        if (rnd.nextInt(3) > 0) {
            outputs.put("id", n.id() + "-" + rnd.nextInt(3));
            outputs.put("sha256", "abc" + rnd.nextInt(3));
        }
        return n.withOutputs(outputs, null).withChildren(children);
    }

    private static String describe(BuildResult r) {
        var sb = new StringBuilder();
        sb.append("ok=").append(r.ok()).append('\n');
        for (Problem p : r.problems()) {
            sb.append(p.render()).append('\n');
        }
        if (r.cloudDom() != null) {
            sb.append(Json.write(r.cloudDom())).append('\n');
        }
        if (r.render() != null) {
            sb.append(r.render().nodes()).append('\n').append(r.render().componentState()).append('\n');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("random edit sequences built through one memo match full builds, step by step")
    void randomEditSequences(@TempDir Path tmp) throws IOException {
        int reusedInAll = 0;
        for (int seq = 0; seq < SEQUENCES; seq++) {
            var rnd = new Random(1000 + seq);
            Path dir = tmp.resolve("seq-" + seq);
            var m = new Model();
            for (int i = 0; i < 4 + rnd.nextInt(4); i++) {
                m.services.add(new Svc("svc-" + m.nextKey++, rnd.nextInt(3), rnd.nextInt(7), rnd.nextInt(6) == 0));
            }
            var memo = new RenderMemo();
            CloudDom previous = null;
            for (int step = 0; step < STEPS; step++) {
                write(dir, m);
                var request = BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev").withPrevious(previous);
                var full = engine.build(request);
                var incremental = engine.build(request.withMemo(memo));
                assertEquals(describe(full), describe(incremental), "sequence " + seq + ", step " + step + ":\n" + root(m));
                reusedInAll += memo.lastStats().reused();
                if (full.ok() && rnd.nextInt(3) == 0) {
                    previous = deployed(full.cloudDom(), rnd);
                }
                edit(m, rnd);
            }
        }
        assertTrue(reusedInAll > 0, "the memo never reused an instance, so the sequences tested nothing of it");
    }

    /** A project of {@code n} services, all of tier 1 and variant 1 unless {@code varied}. */
    private static Model services(int n, boolean varied) {
        var m = new Model();
        for (int i = 0; i < n; i++) {
            m.services.add(new Svc("svc-" + i, varied ? i % 3 : 1, varied ? i : 1, false));
        }
        return m;
    }

    private static BuildRequest memoRequest(Path dir, RenderMemo memo) {
        return BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev").withMemo(memo);
    }

    @Test
    @DisplayName("an edit of one instance's prop in the root file renders that instance again and reuses the others")
    void rootEditReusesTheOtherInstances(@TempDir Path dir) throws IOException {
        var m = services(10, false);
        write(dir, m);
        var memo = new RenderMemo();
        var request = memoRequest(dir, memo);
        assertTrue(engine.build(request).ok());
        assertEquals(0, memo.lastStats().reused());
        m.services.set(3, new Svc("svc-3", 2, 1, false));
        write(dir, m);
        var incremental = engine.build(request);
        assertEquals(describe(engine.build(request.withMemo(null))), describe(incremental));
        assertEquals(9, memo.lastStats().reused(), "the nine services whose props did not change");
        assertEquals(9 * 2, memo.lastStats().nodesReused());
    }

    @Test
    @DisplayName("an unchanged rebuild renders nothing again")
    void unchangedRebuildReusesTheRoot(@TempDir Path dir) throws IOException {
        write(dir, services(5, true));
        var memo = new RenderMemo();
        var request = memoRequest(dir, memo);
        var first = engine.build(request);
        var second = engine.build(request);
        assertEquals(describe(first), describe(second));
        assertEquals(1, memo.lastStats().reused(), "the root, with everything under it");
        assertEquals(0, memo.lastStats().rendered());
    }

    @Test
    @DisplayName("an edit of the shared component's module renders every instance again")
    void sharedModuleEditRendersEverything(@TempDir Path dir) throws IOException {
        var m = services(4, false);
        write(dir, m);
        var memo = new RenderMemo();
        var request = memoRequest(dir, memo);
        engine.build(request);
        m.region = "us-east-2"; // config.ts, which service.tsx imports
        write(dir, m);
        var incremental = engine.build(request);
        assertEquals(describe(engine.build(request.withMemo(null))), describe(incremental));
        assertEquals(0, memo.lastStats().reused());
    }
    @Test
    @DisplayName("instances whose code changed twice in a row are not recorded until it holds still, then reused again")
    void changingInstancesAreRecordedOnceTheyHoldStill(@TempDir Path dir) throws IOException {
        var m = services(4, false);
        write(dir, m);
        var memo = new RenderMemo();
        var request = memoRequest(dir, memo);
        engine.build(request);
        for (String region : List.of("us-east-1", "us-east-2")) {
            m.region = region; // config.ts, which service.tsx imports: the root and every service change
            write(dir, m);
            assertEquals(describe(engine.build(request.withMemo(null))), describe(engine.build(request)));
        }
        var still = engine.build(request);
        assertEquals(describe(engine.build(request.withMemo(null))), describe(still));
        assertEquals(0, memo.lastStats().reused(), "the second change in a row left stubs, which are recorded now");
        assertEquals(5, memo.lastStats().rendered());
        engine.build(request);
        assertEquals(1, memo.lastStats().reused(), "the root, with everything under it");
    }
}
