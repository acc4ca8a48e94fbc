package dev.creact.engine.deploy;

import dev.creact.engine.model.DeployReport;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Destroy order over random dependency graphs: every resource is deleted after everything that depended
 * on it, whether the edge came through an output reference, a template string, a variable holding an
 * output, a prop of a child component or {@code dependsOn}, and whether the dependent was deployed
 * together with its dependency (the edge was a reference) or later (the output was already a value).
 * Each case is seeded; a failure names its seed and its source.
 */
@DisplayName("Teardown order properties (30 random graphs, deploy then destroy)")
class TeardownOrderPropertiesTest extends ApiSpec {
    static LongStream seeds() {
        return LongStream.range(1, 31);
    }

    enum Kind { OUTPUT, TEMPLATE, VARIABLE, CHILD_PROP, DEPENDS_ON }

    record Edge(int from, int to, Kind kind) {
    }

    /** A random graph: resource i may depend on any j &lt; i; resources from {@code late} on come in a second deploy. */
    record Graph(int size, int late, List<Edge> edges) {
        String source(boolean withLate) {
            var sb = new StringBuilder("""
                    import { useInstance } from "creact";
                    import { MockResource } from "creact/mock";
                    function Holder({ name, value, latency }) {
                      useInstance(MockResource, { key: name, from: value, latencyMs: latency });
                      return null;
                    }
                    export default function App() {
                    """);
            var children = new ArrayList<String>();
            for (int i = 0; i < size; i++) {
                if (i >= late && !withLate) {
                    break;
                }
                var props = new ArrayList<String>();
                var dependsOn = new ArrayList<String>();
                for (Edge e : edges) {
                    if (e.from() != i) {
                        continue;
                    }
                    String out = "r" + e.to() + ".outputs.id";
                    switch (e.kind()) {
                        case OUTPUT -> props.add("in" + e.to() + ": " + out);
                        case TEMPLATE -> props.add("t" + e.to() + ": `id=${" + out + "}`");
                        case VARIABLE -> props.add("v" + e.to() + ": v" + e.to());
                        case DEPENDS_ON -> dependsOn.add("r" + e.to());
                        case CHILD_PROP -> { }
                    }
                }
                if (!dependsOn.isEmpty()) {
                    props.add("dependsOn: [" + String.join(", ", dependsOn) + "]");
                }
                props.add("latencyMs: " + ((i * 7) % 4));
                sb.append("  const r").append(i).append(" = useInstance(MockResource, { key: \"r").append(i).append("\", ")
                        .append(String.join(", ", props)).append(" });\n");
                int self = i;
                if (edges.stream().anyMatch(e -> e.to() == self && e.kind() == Kind.VARIABLE)) {
                    sb.append("  const v").append(i).append(" = r").append(i).append(".outputs.id;\n");
                }
                for (Edge e : edges) {
                    if (e.from() == i && e.kind() == Kind.CHILD_PROP) {
                        // The child resource "c<i>-<j>" depends on r<j> through a prop of its component.
                        children.add("<Holder key=\"h" + i + "-" + e.to() + "\" name=\"c\" value={r" + e.to()
                                + ".outputs.id} latency={" + (e.to() % 3) + "} />");
                    }
                }
            }
            sb.append("  return <>").append(String.join("", children)).append("</>;\n}\n");
            return sb.toString();
        }
    }

    static Graph randomGraph(long seed) {
        var r = new Random(seed);
        int size = 3 + r.nextInt(10);
        int late = 1 + r.nextInt(size);
        var edges = new ArrayList<Edge>();
        var kinds = Kind.values();
        for (int i = 1; i < size; i++) {
            for (int j = 0; j < i; j++) {
                if (r.nextInt(3) == 0) {
                    edges.add(new Edge(i, j, kinds[r.nextInt(kinds.length)]));
                }
            }
        }
        return new Graph(size, late, edges);
    }

    static final DeployInput INPUT = new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), "test", 4, 0,
            Duration.ofMillis(1));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("destroy deletes every resource after everything that depended on it")
    void dependentsAreDeletedFirst(long seed) throws Exception {
        var graph = randomGraph(seed);
        var p = project(graph.source(false));
        var first = stack().deploy(INPUT, Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, first.outcome(), "seed " + seed + ": " + first.problems());
        if (graph.late() < graph.size()) {
            p.file("infrastructure.tsx", graph.source(true));
            var second = stack().deploy(INPUT, Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.DEPLOYED, second.outcome(), "seed " + seed + ": " + second.problems());
        }
        var destroyed = stack().destroy(INPUT, PlanOptions.NONE, Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, destroyed.outcome(), "seed " + seed + ": " + destroyed.problems());

        var deletedAt = new HashMap<String, Integer>();
        var ledger = MockLedger.read(dir.resolve(".creact/mock-ledger.jsonl"));
        for (int line = 0; line < ledger.size(); line++) {
            var entry = ledger.get(line);
            if (entry.op() == MockLedger.Op.DELETE && entry.result() == MockLedger.Result.OK) {
                deletedAt.put(entry.id(), line);
            }
        }
        String source = graph.source(true);
        for (Edge e : graph.edges()) {
            String dependent = e.kind() == Kind.CHILD_PROP ? "h" + e.from() + "-" + e.to() + ".c" : "r" + e.from();
            String dependency = "r" + e.to();
            assertTrue(deletedAt.containsKey(dependent) && deletedAt.containsKey(dependency),
                    "seed " + seed + ": both " + dependent + " and " + dependency + " are deleted; ledger " + deletedAt);
            assertTrue(deletedAt.get(dependent) < deletedAt.get(dependency),
                    "seed " + seed + ": " + dependent + " depends on " + dependency + " (" + e.kind()
                            + ") but was deleted after it\n" + source);
        }
    }
}
