package dev.creact.engine.deploy;

import dev.creact.engine.model.DeployReport;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.api.Approval;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Deploying real files and mock resources")
class DeploySpecTest extends ApiSpec {

    DeployReport deploy(TestProject p) {
        return stack(p.root()).deploy(input("test deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
    }

    Path ledger() {
        return dir.resolve(".creact/mock-ledger.jsonl");
    }

    static final String FILES = """
            import { useInstance } from "creact";
            import { LocalDirectory, LocalFile, RandomId } from "creact/local";
            export default function App() {
              const d = useInstance(LocalDirectory, { key: "dir", path: "out" });
              const id = useInstance(RandomId, { key: "id", bytes: 4 });
              useInstance(LocalFile, { key: "a", path: "out/a.txt", content: `A ${id.outputs.hex}`, dependsOn: [d] });
              useInstance(LocalFile, { key: "b", path: "out/b.txt", content: "B", dependsOn: [d] });
              return null;
            }
            """;

    @Test
    @DisplayName("deploy writes the files; deploying again changes nothing; an edit updates only that file; a removal deletes it")
    void lifecycle() throws Exception {
        var p = new TestProject(dir).file("infrastructure.tsx", FILES);
        var first = deploy(p);
        assertEquals(DeployReport.Outcome.DEPLOYED, first.outcome(), first.problems().toString());
        assertEquals(4, first.created().size());
        String a = Files.readString(dir.resolve("out/a.txt"));
        assertTrue(a.matches("A [0-9a-f]{8}"), a);
        assertEquals("B", Files.readString(dir.resolve("out/b.txt")));
        long modified = Files.getLastModifiedTime(dir.resolve("out/a.txt")).toMillis();

        var again = deploy(p);
        assertEquals(DeployReport.Outcome.NO_CHANGES, again.outcome());
        assertEquals(modified, Files.getLastModifiedTime(dir.resolve("out/a.txt")).toMillis());

        p.file("infrastructure.tsx", FILES.replace("content: \"B\"", "content: \"B2\""));
        var edit = deploy(p);
        assertEquals(List.of("b"), edit.updated());
        assertTrue(edit.created().isEmpty() && edit.deleted().isEmpty());
        assertEquals("B2", Files.readString(dir.resolve("out/b.txt")));
        assertEquals(a, Files.readString(dir.resolve("out/a.txt")), "the random id is stable");

        p.file("infrastructure.tsx", FILES.replace("useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"B\", dependsOn: [d] });", ""));
        var removal = deploy(p);
        assertEquals(List.of("b"), removal.deleted());
        assertFalse(Files.exists(dir.resolve("out/b.txt")), "deleted resources are really deleted");
        var record = new FileStateBackend(dir).readDeployment("dev").orElseThrow();
        assertEquals(DeploymentStatus.DEPLOYED, record.status());
    }

    @Test
    @DisplayName("a chain of outputs that changes what components render converges within one deploy")
    void convergence() {
        var p = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function Next({ from, depth }) {
                  const known = typeof from.outputs.id === "string" && !from.outputs.id.startsWith("${ref:");
                  if (!known || depth === 0) return null;
                  const r = useInstance(MockResource, { key: "r", after: from.outputs.id });
                  return <Next key="next" from={r} depth={depth - 1}/>;
                }
                export default function App() {
                  const root = useInstance(MockResource, { key: "root" });
                  return <Next from={root} depth={3}/>;
                }
                """);
        var report = deploy(p);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        assertEquals(4, report.plans().size(), "one cycle per level of the chain");
        assertEquals(List.of("root", "next.r", "next.next.r", "next.next.next.r"), report.created());
        assertEquals(DeployReport.Outcome.NO_CHANGES, deploy(p).outcome());
    }

    @Test
    @DisplayName("a render that never settles ends at the cycle cap, naming the resources that keep changing")
    void noConvergence() {
        var p = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance, useState } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const [n, setN] = useState(0);
                  setN(n + 1);
                  useInstance(MockResource, { key: "counter", n });
                  return null;
                }
                """);
        var report = deploy(p);
        assertEquals(DeployReport.Outcome.FAILED, report.outcome());
        assertEquals("no-convergence", report.problems().getFirst().code());
        assertTrue(report.problems().getFirst().message().contains("counter"), report.problems().getFirst().message());
        assertEquals(10, report.plans().size());
    }

    @Test
    @DisplayName("transient failures are retried; a permanent failure skips its dependents only")
    void failures() throws Exception {
        var p = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "flaky", failTimes: 2 });
                  const bad = useInstance(MockResource, { key: "bad", failPermanently: true });
                  const child = useInstance(MockResource, { key: "child", dependsOn: [bad] });
                  useInstance(MockResource, { key: "grandchild", dependsOn: [child] });
                  useInstance(MockResource, { key: "independent" });
                  return null;
                }
                """);
        var report = deploy(p);
        assertEquals(DeployReport.Outcome.FAILED, report.outcome());
        assertTrue(report.created().containsAll(List.of("flaky", "independent")), report.created().toString());
        var failed = report.failed().stream().filter(f -> !f.skipped()).map(f -> f.id()).toList();
        var skipped = report.failed().stream().filter(f -> f.skipped()).map(f -> f.id()).sorted().toList();
        assertEquals(List.of("bad"), failed);
        assertEquals(List.of("child", "grandchild"), skipped);
        var entries = MockLedger.read(ledger());
        assertEquals(2, entries.stream().filter(e -> e.id().equals("flaky") && e.result() == MockLedger.Result.TRANSIENT).count());
        assertEquals(1, MockLedger.successfulCreates(ledger()).get("flaky"));
        assertFalse(MockLedger.successfulCreates(ledger()).containsKey("child"));
        var state = new FileStateBackend(dir).read("dev").orElseThrow().cloudDom().byId().keySet();
        assertTrue(state.containsAll(List.of("flaky", "independent")) && !state.contains("bad"), state.toString());
        assertEquals(DeploymentStatus.FAILED, new FileStateBackend(dir).readDeployment("dev").orElseThrow().status());
    }

    @Test
    @DisplayName("useEffect runs after a deploy, again only when its deps change, and what it sets with useState is kept")
    void effects() {
        String source = """
                import { useEffect, useInstance, useState } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const [deploys, setDeploys] = useState(0);
                  const r = useInstance(MockResource, { key: "r" });
                  useInstance(MockResource, { key: "other", size: SIZE });
                  useEffect(() => { setDeploys(deploys + 1); console.log("effect ran for " + r.outputs.id); }, [r.outputs.id]);
                  return null;
                }
                """;
        var p = new TestProject(dir).file("infrastructure.tsx", source.replace("SIZE", "1"));
        var notes = new java.util.ArrayList<String>();
        DeployEvent.Listener listener = e -> {
            if (e instanceof DeployEvent.Note n) {
                notes.add(n.message());
            }
        };
        var first = stack().deploy(input("test"), Approval.ALWAYS, listener, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, first.outcome(), first.problems().toString());
        assertEquals(1, first.state().componentState().get("").getFirst().asInt());
        assertTrue(notes.stream().anyMatch(n -> n.contains("effect ran for mock-")), notes.toString());

        p.file("infrastructure.tsx", source.replace("SIZE", "2"));
        var second = stack().deploy(input("test"), Approval.ALWAYS, listener, CancellationToken.NONE);
        assertEquals(List.of("other"), second.updated());
        assertEquals(1, second.state().componentState().get("").getFirst().asInt(), "deps unchanged: the effect did not run");
    }

    @Test
    @DisplayName("rollback after a failed deployment returns the files and resources to the last deployed state")
    void rollback() throws Exception {
        String v1 = """
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(LocalFile, { key: "conf", path: "out/app.conf", content: "v1" });
                  return null;
                }
                """;
        var p = new TestProject(dir).file("infrastructure.tsx", v1);
        assertEquals(DeployReport.Outcome.DEPLOYED, deploy(p).outcome());
        p.file("infrastructure.tsx", v1.replace("\"v1\"", "\"v2\"").replace("return null;",
                "useInstance(MockResource, { key: \"extra\" });\n  useInstance(MockResource, { key: \"broken\", failPermanently: true });\n  return null;"));
        var failed = deploy(p);
        assertEquals(DeployReport.Outcome.FAILED, failed.outcome());
        assertEquals("v2", Files.readString(dir.resolve("out/app.conf")));
        assertTrue(MockLedger.existing(ledger()).contains("extra"));

        var back = stack().rollback(input("test rollback"), DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.ROLLED_BACK, back.outcome(), back.problems().toString());
        assertEquals("v1", Files.readString(dir.resolve("out/app.conf")));
        assertFalse(MockLedger.existing(ledger()).contains("extra"), "what the failed deployment created is deleted");
        assertEquals(List.of("conf"), new FileStateBackend(dir).read("dev").orElseThrow().cloudDom().byId().keySet().stream().toList());
        assertEquals(DeploymentStatus.ROLLED_BACK, new FileStateBackend(dir).readDeployment("dev").orElseThrow().status());
        var again = stack().rollback(input("test rollback"), DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.REFUSED, again.outcome());
        assertEquals("nothing-to-roll-back", again.problems().getFirst().code());
    }

    @Test
    @DisplayName("cancelling during a retry's back-off wakes it: the operation stops as cancelled instead of sleeping on")
    void cancelWakesRetry() throws Exception {
        var p = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "flaky", failTimes: 3 });
                  return null;
                }
                """);
        var token = new CancellationToken();
        var retrying = new java.util.concurrent.CountDownLatch(1);
        DeployEvent.Listener listener = e -> {
            if (e instanceof DeployEvent.OperationRetrying) {
                retrying.countDown();
            }
        };
        // A back-off of ten minutes: only a cancellation that wakes it lets this test end.
        var input = new dev.creact.engine.api.DeployInput(dev.creact.engine.api.BuildInput.of(Path.of("infrastructure.tsx")),
                "test", 1, 3, Duration.ofMinutes(10));
        var canceller = Thread.ofVirtual().start(() -> {
            try {
                retrying.await();
                token.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        var report = stack(p.root()).deploy(input, Approval.ALWAYS, listener, token);
        canceller.join();
        assertEquals(DeployReport.Outcome.CANCELLED, report.outcome(), report.problems().toString());
        assertTrue(report.failed().getFirst().reason().contains("cancelled while waiting to retry"), report.failed().toString());
        long calls = MockLedger.read(ledger()).stream().filter(e -> e.id().equals("flaky")).count();
        assertEquals(1, calls, "no retry was made after the cancellation");
    }
}
