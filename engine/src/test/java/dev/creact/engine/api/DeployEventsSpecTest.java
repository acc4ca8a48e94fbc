package dev.creact.engine.api;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.PlanOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that changes a stack tells its listeners what it does, as typed events in a fixed order;
 * progress, extensions, the audit log and state sync read this one stream.
 */
@DisplayName("Deploy events: each stack-changing command produces the expected sequence")
class DeployEventsSpecTest extends ApiSpec {
    static final String STACK = """
            import { useInstance } from "creact";
            import { MockResource } from "creact/mock";
            export default function App() {
              const db = useInstance(MockResource, { key: "db" });
              useInstance(MockResource, { key: "api", url: `db://${db.outputs.id}` });
              return null;
            }
            """;

    /** Records events; {@link #shape()} is their kinds, without the per-operation ones (their order is the walk's). */
    static final class Recorder implements DeployEvent.Listener {
        final List<DeployEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void on(DeployEvent event) {
            events.add(event);
        }

        List<String> shape() {
            var out = new ArrayList<String>();
            for (var e : List.copyOf(events)) {
                switch (e) {
                    case DeployEvent.OperationIntent i -> { }
                    case DeployEvent.OperationResult r -> { }
                    case DeployEvent.OperationRetrying r -> { }
                    case DeployEvent.Note n -> { }
                    case DeployEvent.StatusChanged s -> out.add("Status:" + s.status());
                    case DeployEvent.CommandStarted s -> out.add("Started:" + s.command());
                    case DeployEvent.CommandFinished f -> out.add("Finished:" + f.report().outcome());
                    default -> out.add(e.getClass().getSimpleName());
                }
            }
            return out;
        }

        <T extends DeployEvent> List<T> all(Class<T> type) {
            return List.copyOf(events).stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Index of the first event matching {@code p}. */
        int indexOf(Predicate<DeployEvent> p) {
            var copy = List.copyOf(events);
            for (int i = 0; i < copy.size(); i++) {
                if (p.test(copy.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    @DisplayName("a deploy: started, locked, built, one pass of the state machine, each operation's intent before its result, checkpoint, built again, unlocked, finished")
    void deploy() {
        project(STACK);
        var rec = new Recorder();
        var report = stack().deploy(input("test deploy"), Approval.ALWAYS, rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        assertEquals(List.of("Started:DEPLOY", "LockAcquired", "Built", "CycleStarted", "Status:PENDING", "Status:APPLYING",
                "Checkpoint", "Status:DEPLOYED", "Built", "LockReleased", "Finished:DEPLOYED"), rec.shape());
        for (String id : List.of("db", "api")) {
            int intent = rec.indexOf(e -> e instanceof DeployEvent.OperationIntent i && i.id().equals(id));
            int result = rec.indexOf(e -> e instanceof DeployEvent.OperationResult r && r.id().equals(id) && r.ok());
            assertTrue(intent >= 0 && intent < result, id + ": intent before result");
            assertTrue(result < rec.indexOf(e -> e instanceof DeployEvent.Checkpoint), id + ": done before the checkpoint");
        }
        int dbDone = rec.indexOf(e -> e instanceof DeployEvent.OperationResult r && r.id().equals("db"));
        int apiStart = rec.indexOf(e -> e instanceof DeployEvent.OperationIntent i && i.id().equals("api"));
        assertTrue(dbDone < apiStart, "api reads db's output, so it starts after db is done");
        var checkpoint = rec.all(DeployEvent.Checkpoint.class).getFirst();
        assertEquals(1, checkpoint.serial());
        assertEquals(2, checkpoint.state().size());
        assertTrue(rec.all(DeployEvent.OperationResult.class).stream().allMatch(r -> r.node() != null
                && r.node().outputs().has("id")), "each result carries the resource as it now exists");
    }

    @Test
    @DisplayName("a rollback after a failed deploy: the failed pass, then the undo ending ROLLED_BACK")
    void rollback() {
        var p = project(STACK);
        stack().deploy(input("first"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        p.file("infrastructure.tsx", STACK.replace("return null;",
                "useInstance(MockResource, { key: \"extra\" });\n"
                        + "  useInstance(MockResource, { key: \"bad\", failPermanently: true });\n  return null;"));
        var failing = new Recorder();
        var failed = stack().deploy(input("second"), Approval.ALWAYS, failing, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.FAILED, failed.outcome());
        assertEquals(List.of("Started:DEPLOY", "LockAcquired", "Built", "CycleStarted", "Status:PENDING", "Status:APPLYING",
                "Checkpoint", "Status:FAILED", "LockReleased", "Finished:FAILED"), failing.shape());
        assertTrue(failing.all(DeployEvent.OperationResult.class).stream().anyMatch(r -> r.id().equals("bad") && !r.ok()
                && r.error().contains("failed")));

        var rec = new Recorder();
        var back = stack().rollback(input("test rollback"), rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.ROLLED_BACK, back.outcome(), back.problems().toString());
        assertTrue(rec.all(DeployEvent.OperationResult.class).stream().anyMatch(r -> r.id().equals("extra") && r.ok()
                && r.action() == dev.creact.engine.model.Action.DELETE), "what the failed deploy created is deleted");
        assertEquals(List.of("Started:ROLLBACK", "LockAcquired", "CycleStarted", "Status:PENDING", "Status:APPLYING",
                "Checkpoint", "Status:DEPLOYED", "Status:ROLLED_BACK", "LockReleased", "Finished:ROLLED_BACK"), rec.shape());
    }

    @Test
    @DisplayName("a destroy: deletes, dependents first, then an empty state")
    void destroy() {
        project(STACK);
        stack().deploy(input("first"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        var rec = new Recorder();
        var report = stack().destroy(input("test destroy"), PlanOptions.NONE, Approval.ALWAYS, rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        assertEquals(List.of("Started:DESTROY", "LockAcquired", "CycleStarted", "Status:PENDING", "Status:APPLYING",
                "Checkpoint", "Status:DEPLOYED", "LockReleased", "Finished:DEPLOYED"), rec.shape());
        int api = rec.indexOf(e -> e instanceof DeployEvent.OperationResult r && r.id().equals("api"));
        int db = rec.indexOf(e -> e instanceof DeployEvent.OperationIntent i && i.id().equals("db"));
        assertTrue(api < db, "api (which read db's output) is deleted before db's delete starts");
        assertEquals(0, rec.all(DeployEvent.Checkpoint.class).getFirst().state().size());
    }

    @Test
    @DisplayName("a forced unlock: started, the lock forced with who held it, finished")
    void forceUnlock() throws Exception {
        project(STACK);
        var backend = new dev.creact.engine.backend.FileStateBackend(dir);
        var held = backend.lock("dev", "creact deploy (elsewhere)", java.time.Duration.ofSeconds(30));
        try {
            // A holder alive on this host is refused (LockHolders); this one stands for a process on another host.
            var elsewhere = new dev.creact.engine.model.LockInfo(held.info().lockId(), "dev", "alice", "build-7.elsewhere",
                    4242, "creact deploy (elsewhere)", System.currentTimeMillis(), System.currentTimeMillis() + 30_000);
            java.nio.file.Files.writeString(backend.lockFile("dev"), dev.creact.engine.model.Json.write(elsewhere));
            var rec = new Recorder();
            var removed = stack().forceUnlock(held.info().lockId(), true, "creact unlock --force " + held.info().lockId(), rec);
            assertEquals(held.info().lockId(), removed.lockId());
            assertEquals(List.of("Started:FORCE_UNLOCK", "LockForced", "Finished:DEPLOYED"), rec.shape());
            var forced = rec.all(DeployEvent.LockForced.class).getFirst();
            assertEquals("creact deploy (elsewhere)", forced.lock().command());
            assertTrue(stack().lockHolder().isEmpty());
        } finally {
            held.close();
        }
    }

    @Test
    @DisplayName("a deploy that takes over an expired lock says whose it was, and the audit log has lock-taken-over")
    void lockTakenOver() throws Exception {
        project(STACK);
        var backend = new dev.creact.engine.backend.FileStateBackend(dir);
        // A holder on another host that died: its lock's TTL passed a minute ago.
        long past = System.currentTimeMillis() - 60_000;
        var dead = new dev.creact.engine.model.LockInfo("dead0001", "dev", "alice", "build-7.elsewhere", 4242,
                "creact deploy (elsewhere)", past - 30_000, past);
        java.nio.file.Files.createDirectories(backend.lockFile("dev").getParent());
        java.nio.file.Files.writeString(backend.lockFile("dev"), dev.creact.engine.model.Json.write(dead));
        var rec = new Recorder();
        var report = stack().deploy(input("creact deploy"), Approval.ALWAYS, rec, CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome());
        var taken = rec.all(DeployEvent.LockTakenOver.class);
        assertEquals(1, taken.size(), "one take-over");
        assertEquals("dead0001", taken.getFirst().previous().lockId());
        assertEquals("alice", taken.getFirst().previous().user());
        var shape = rec.shape();
        assertTrue(shape.indexOf("LockTakenOver") >= 0 && shape.indexOf("LockTakenOver") < shape.indexOf("LockAcquired"), shape.toString());
        var entries = stack().audit().list(new AuditTrail.Filter(null, "lock-taken-over", null, null, 10));
        assertEquals(1, entries.size(), "one lock-taken-over entry");
        var entry = entries.getFirst();
        assertEquals("alice@build-7.elsewhere (pid 4242, creact deploy (elsewhere))", entry.path("previousHolder").asText());
        assertEquals("dead0001", entry.path("lock").path("previousId").asText());
        assertTrue(stack().audit().verify().ok());

        // A second deploy finds the stack free: no take-over, no entry.
        var again = new Recorder();
        stack().deploy(input("creact deploy"), Approval.ALWAYS, again, CancellationToken.NONE);
        assertTrue(again.all(DeployEvent.LockTakenOver.class).isEmpty());
        assertEquals(1, stack().audit().list(new AuditTrail.Filter(null, "lock-taken-over", null, null, 10)).size());
    }

    @Test
    @DisplayName("a dev-mode cycle is one command, with the deploy inside it")
    void devCycle() {
        project(STACK);
        var rec = new Recorder();
        var cycle = stack().devCycle(input("test dev"), false, new Asker() {
            @Override
            public boolean applyUnsafe(dev.creact.engine.model.Plan plan, List<dev.creact.engine.model.Change> unsafe) {
                return true;
            }

            @Override
            public boolean applyChange(dev.creact.engine.model.Plan plan, dev.creact.engine.model.Change change) {
                return true;
            }
        }, rec, CancellationToken.NONE);
        assertEquals(DevCycle.Outcome.APPLIED, cycle.outcome(), cycle.problems().toString());
        var shape = rec.shape();
        assertEquals("Started:DEV_CYCLE", shape.getFirst());
        assertEquals("Finished:DEPLOYED", shape.getLast());
        assertTrue(shape.contains("Status:" + DeploymentStatus.DEPLOYED), shape.toString());
    }
}
