package dev.creact.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's read tracking (which handles' known outputs a resource's props carry: {@code readsOf} in
 * creact.mjs) against the implementation it replaced, which stringified the props and searched them once per
 * candidate read. Random stacks (props of every shape, strings holding read values, escapes, numbers,
 * nested objects and arrays, reads through variables, template strings, child components and construct
 * elements, runs of reads past the recent-reads window) are rendered with every output known; at each
 * declaration the runtime hands the test hook what the reads are worked out from, the reference below works
 * them out, and the reads the host's search ({@link ReadSearch}) gives each resource must be the same ids in the
 * same order.
 */
@DisplayName("Read tracking gives the same reads as the stringify-and-search implementation it replaced")
class ReadTrackingEquivalenceTest {
    private static final int STACKS = 40;

    /** The implementation of 2026-12-01 (creact.mjs before the needles were kept with the reads), verbatim. */
    private static final String REFERENCE = """
            const REF = Symbol.for("creact.ref");
            const RECENT_READS = 32;
            function searchable(value) {
              if (typeof value === "string") {
                const json = JSON.stringify(value);
                return json.length > 2 ? json.slice(1, -1) : null;
              }
              if (typeof value === "number" || typeof value === "boolean") return String(value);
              return undefined;
            }
            function referenceReadsOf(f, props, element) {
              let out = null;
              const add = (id) => {
                if (out === null) out = new Set();
                out.add(id);
              };
              const recent = f.pending.length > RECENT_READS ? f.pending.slice(-RECENT_READS) : f.pending;
              const candidates = element ? [f.inherited, f.allReads] : [f.inherited, recent];
              let json = null;
              for (const list of candidates) {
                for (const read of list) {
                  if (out !== null && out.has(read.id)) continue;
                  const needle = searchable(read.value);
                  if (needle === null) continue;
                  if (needle === undefined) {
                    add(read.id);
                    continue;
                  }
                  if (json === null) json = JSON.stringify(props) || "";
                  if (json.includes(needle)) add(read.id);
                }
              }
              if (!element && f.seen !== null) matchSeen(props, f.seen, (ids) => ids.forEach(add), 0);
              return out === null ? null : Array.from(out);
            }
            function matchSeen(value, seen, add, depth) {
              if (value === null || value === undefined || depth > 8) return;
              if (typeof value === "string" || typeof value === "number") {
                const ids = seen.get(String(value));
                if (ids !== undefined) add(ids);
              } else if (typeof value === "object" && value[REF] !== true) {
                for (const k of Object.keys(value)) matchSeen(value[k], seen, add, depth + 1);
              }
            }
            globalThis.__readsChecked = { compared: 0, withReads: 0, elements: 0, expected: [] };
            __creactCheckReads((f, props, element) => {
              const expected = referenceReadsOf(f, props, element);
              const c = globalThis.__readsChecked;
              c.compared++;
              if (expected !== null) c.withReads++;
              if (element && expected !== null) c.elements++;
              c.expected.push({ reads: expected === null ? [] : expected, props: JSON.stringify(props) });
            });
            """;

    /** Pieces of values, short so that one is often inside another, with the characters JSON escapes. */
    private static final String[] FRAGMENTS = {"a", "ab", "b-1", "1", "10", "0", "-", "\"", "\\", "\n", "\t", "é",
            "\uD83D\uDE00", "x\"y", "a\\b", "{", ":", ",", "}", "true", "null", "p0", "name", "res-1", "1.5", "e+21", ""};
    private static final String[] NUMBERS = {"0", "1", "10", "-1", "1.5", "101", "1e21", "7", "-0"};
    private static final String[] PROP_NAMES = {"p0", "p1", "p2", "name", "a", "1", "x\"y", "true"};
    private static final int OUTPUTS = 5;

    private static JsHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        host = new JsHost();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    @DisplayName("random stacks with every output known: the same reads for every resource")
    void sameReads() throws IOException {
        long compared = 0;
        long withReads = 0;
        long elements = 0;
        for (int seed = 0; seed < STACKS; seed++) {
            var project = dir.resolve("stack-" + seed);
            Files.createDirectories(project);
            var entry = project.resolve("infrastructure.tsx");
            Files.writeString(entry, new StackWriter(new Random(seed)).write());
            var first = Json.mapper().readTree(render(project, entry, "{\"outputs\":{},\"state\":{}}")[0]);
            var random = new Random(1000 + seed);
            var input = Json.mapper().createObjectNode();
            var outputs = input.putObject("outputs");
            input.putObject("state");
            for (JsonNode n : first.path("nodes")) {
                ObjectNode o = outputs.putObject(n.path("id").asText());
                for (int k = 0; k < OUTPUTS; k++) {
                    o.set("v" + k, outputValue(random, 0));
                }
            }
            var second = render(project, entry, Json.write(input));
            var counts = Json.mapper().readTree(second[1]);
            var result = Json.mapper().readTree(second[0]);
            var search = ReadSearch.of(second[0], result);
            var expected = counts.path("expected");
            assertEquals(expected.size(), result.path("nodes").size(), "one declaration per node");
            for (int i = 0; i < expected.size(); i++) {
                var want = new java.util.ArrayList<String>();
                expected.get(i).path("reads").forEach(r -> want.add(r.asText()));
                assertEquals(want, search.readsOf(i, result.path("nodes").get(i)),
                        "stack " + seed + ", resource " + result.path("nodes").get(i).path("id").asText() + ", props "
                                + expected.get(i).path("props").asText());
            }
            compared += counts.path("compared").asLong();
            withReads += counts.path("withReads").asLong();
            elements += counts.path("elements").asLong();
        }
        // The comparison ran, and on stacks where reads were found, on both paths (useInstance, elements).
        assertTrue(compared > 40L * STACKS, "declarations compared: " + compared);
        assertTrue(withReads > compared / 4, "declarations with reads: " + withReads + " of " + compared);
        assertTrue(elements > STACKS, "construct elements with reads: " + elements);
    }

    /** Renders the stack; returns the render's JSON and the hook's counts. */
    private static String[] render(Path project, Path entry, String input) {
        String bootstrap = "import * as entry from " + Json.write(entry.toString()) + ";\n"
                + "import { __creactRender } from \"creact\";\nimport \"creact/mock\";\n"
                + "export function render(input) { return __creactRender(entry.default, input); }\n"
                + "export function checked() { return JSON.stringify(globalThis.__readsChecked); }\n";
        return host.run(project, Map.of(), SandboxLimits.DEFAULT, CancellationToken.NONE, session -> {
            var ns = session.evalModule("reads-bootstrap.mjs", bootstrap);
            String json = ns.getMember("render").execute(input).asString();
            return new String[]{json, ns.getMember("checked").execute().asString()};
        });
    }

    private static JsonNode outputValue(Random random, int depth) {
        int kind = random.nextInt(depth > 1 ? 4 : 7);
        return switch (kind) {
            case 0, 1 -> Json.mapper().getNodeFactory().textNode(fragments(random));
            case 2 -> Json.mapper().getNodeFactory().numberNode(Double.parseDouble(NUMBERS[random.nextInt(NUMBERS.length)]));
            case 3 -> Json.mapper().getNodeFactory().booleanNode(random.nextBoolean());
            case 4 -> Json.mapper().getNodeFactory().nullNode();
            case 5 -> {
                var o = Json.mapper().createObjectNode();
                o.set("q", outputValue(random, depth + 1));
                yield o;
            }
            default -> {
                var a = Json.mapper().createArrayNode();
                a.add(outputValue(random, depth + 1));
                a.add(outputValue(random, depth + 1));
                yield a;
            }
        };
    }

    private static String fragments(Random random) {
        var b = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        return b.toString();
    }

    /** Writes one random stack: a root component and a few child components of MockResources. */
    private static final class StackWriter {
        private final Random random;
        private int keys;

        StackWriter(Random random) {
            this.random = random;
        }

        String write() {
            var out = new StringBuilder();
            out.append("import { useInstance, __creactCheckReads } from \"creact\";\n");
            out.append("import { MockResource } from \"creact/mock\";\n");
            out.append(REFERENCE);
            int children = 1 + random.nextInt(3);
            for (int c = 0; c < children; c++) {
                out.append("function Child").append(c).append("(props) {\n");
                out.append(body(List.of("props.a", "props.b"), c, 0));
                out.append("}\n");
            }
            out.append("export default function Root() {\n");
            out.append(body(List.of(), children, 4 + random.nextInt(3)));
            out.append("}\n");
            return out.toString();
        }

        /** A component body: statements that declare, read and keep values, then the elements it returns. */
        private String body(List<String> inputs, int children, int childElements) {
            var b = new StringBuilder("  const sink = [];\n");
            var handles = new ArrayList<String>();
            var vars = new ArrayList<>(inputs);
            int statements = 12 + random.nextInt(20);
            for (int s = 0; s < statements; s++) {
                int what = handles.isEmpty() ? 0 : random.nextInt(10);
                if (what <= 4) {
                    String h = "h" + handles.size();
                    b.append("  const ").append(h).append(" = useInstance(MockResource, ")
                            .append(props(handles, vars, true, 0)).append(");\n");
                    handles.add(h);
                } else if (what <= 6) {
                    String v = "x" + vars.size();
                    b.append("  const ").append(v).append(" = ").append(read(handles)).append(";\n");
                    vars.add(v);
                } else if (what == 7) {
                    b.append("  for (let i = 0; i < ").append(1 + random.nextInt(45)).append("; i++) sink.push(")
                            .append(read(handles)).append(");\n");
                } else {
                    b.append("  void ").append(read(handles)).append(";\n");
                }
            }
            b.append("  return <>\n");
            for (int c = 0; c < childElements; c++) {
                b.append("    <Child").append(random.nextInt(children)).append(" key=\"k").append(keys++)
                        .append("\" a={").append(expression(handles, vars, 1)).append("} b={")
                        .append(expression(handles, vars, 1)).append("} />\n");
            }
            int elements = handles.isEmpty() ? 0 : 1 + random.nextInt(3);
            for (int e = 0; e < elements; e++) {
                b.append("    ").append(element(handles, vars, random.nextInt(4) == 0)).append("\n");
            }
            b.append("  </>;\n");
            return b.toString();
        }

        private String element(List<String> handles, List<String> vars, boolean nested) {
            var b = new StringBuilder("<MockResource key=\"e" + keys++ + "\"");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                b.append(" p").append(i).append("={").append(expression(handles, vars, 1)).append("}");
            }
            if (!nested) {
                return b.append(" />").toString();
            }
            return b.append(">").append(element(handles, vars, false)).append("</MockResource>").toString();
        }

        private String props(List<String> handles, List<String> vars, boolean keyed, int depth) {
            var b = new StringBuilder("{ ");
            if (keyed) {
                b.append("key: \"r").append(keys++).append("\", ");
            }
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                b.append(Json.write(PROP_NAMES[random.nextInt(PROP_NAMES.length)])).append(": ")
                        .append(expression(handles, vars, depth + 1)).append(", ");
            }
            return b.append("}").toString();
        }

        private String read(List<String> handles) {
            return handles.get(random.nextInt(handles.size())) + ".outputs.v" + random.nextInt(OUTPUTS);
        }

        private String expression(List<String> handles, List<String> vars, int depth) {
            int kind = random.nextInt(depth >= 3 ? 3 : 9);
            if (handles.isEmpty() && (kind == 1 || kind >= 5)) {
                kind = 0;
            }
            return switch (kind) {
                case 0 -> literal();
                case 1 -> read(handles);
                case 2 -> vars.isEmpty() ? literal() : vars.get(random.nextInt(vars.size()));
                case 3 -> "`" + "${" + Json.write(fragments(random)) + "}${" + expression(handles, vars, depth + 1)
                        + "}${" + expression(handles, vars, depth + 1) + "}`";
                case 4 -> props(handles, vars, false, depth);
                case 5 -> "[" + expression(handles, vars, depth + 1) + ", " + expression(handles, vars, depth + 1) + "]";
                case 6 -> "String(" + read(handles) + ").slice(1)";
                case 7 -> handles.get(random.nextInt(handles.size()));
                default -> "`" + "${" + read(handles) + "}`";
            };
        }

        private String literal() {
            return switch (random.nextInt(4)) {
                case 0, 1 -> Json.write(fragments(random));
                case 2 -> NUMBERS[random.nextInt(NUMBERS.length)];
                default -> random.nextBoolean() ? "true" : "null";
            };
        }
    }
}
