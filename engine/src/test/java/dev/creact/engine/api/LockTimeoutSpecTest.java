package dev.creact.engine.api;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --lock-timeout}: a deploy on a stack someone else has locked waits for it, as terraform's -lock-timeout. */
@DisplayName("Lock timeout: waiting for a stack's lock")
class LockTimeoutSpecTest extends ApiSpec {
    static final String STACK = """
            import { useInstance } from "creact";
            import { MockResource } from "creact/mock";
            export default function App() {
              useInstance(MockResource, { key: "db" });
              return null;
            }
            """;

    @Test
    @DisplayName("without a lock timeout a deploy on a locked stack is refused at once, naming the holder")
    void refusedAtOnce() {
        project(STACK);
        try (var held = new FileStateBackend(dir).lock("dev", "creact deploy (elsewhere)", Duration.ofSeconds(30))) {
            var report = stack().deploy(input("creact deploy"), plan -> true, DeployEvent.Listener.NONE, CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.REFUSED, report.outcome());
            assertEquals("locked", report.problems().getFirst().code());
            assertTrue(report.problems().getFirst().message().contains(held.info().lockId()), report.problems().toString());
        }
    }

    @Test
    @DisplayName("with a lock timeout a deploy waits while the stack is locked, says so, and applies once the holder lets go")
    void waitsForTheHolder() {
        project(STACK);
        var held = new FileStateBackend(dir).lock("dev", "creact deploy (elsewhere)", Duration.ofSeconds(30));
        var waited = new AtomicBoolean();
        // The holder lets go when the deploy says it is waiting: no guess at how long anything takes.
        DeployEvent.Listener releaseWhenWaiting = event -> {
            if (event instanceof DeployEvent.Note n && n.message().startsWith("waiting up to 60 s for the lock")) {
                assertTrue(n.message().contains(held.info().lockId()), n.message());
                waited.set(true);
                held.close();
            }
        };
        var report = stack().deploy(input("creact deploy").withLockTimeout(Duration.ofSeconds(60)), plan -> true,
                releaseWhenWaiting, CancellationToken.NONE);
        assertTrue(waited.get(), "it waited");
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems().toString());
        assertEquals(1, report.created().size());
    }

    @Test
    @DisplayName("a lock timeout that runs out refuses the deploy, naming the holder and the wait; nothing is applied")
    void timeoutRunsOut() {
        project(STACK);
        try (var held = new FileStateBackend(dir).lock("dev", "creact deploy (elsewhere)", Duration.ofSeconds(30))) {
            var report = stack().deploy(input("creact deploy").withLockTimeout(Duration.ofMillis(300)), plan -> true,
                    DeployEvent.Listener.NONE, CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.REFUSED, report.outcome());
            String message = report.problems().getFirst().message();
            assertTrue(message.contains(held.info().lockId()), message);
            assertTrue(message.contains("of --lock-timeout"), message);
            assertTrue(report.created().isEmpty());
        }
    }

    @Test
    @DisplayName("cancelling a deploy that waits for the lock stops the wait")
    void cancelStopsTheWait() {
        project(STACK);
        try (var held = new FileStateBackend(dir).lock("dev", "creact deploy (elsewhere)", Duration.ofSeconds(30))) {
            var token = new CancellationToken();
            DeployEvent.Listener cancelWhenWaiting = event -> {
                if (event instanceof DeployEvent.Note n && n.message().startsWith("waiting")) {
                    token.cancel();
                }
            };
            var report = stack().deploy(input("creact deploy").withLockTimeout(Duration.ofHours(1)), plan -> true,
                    cancelWhenWaiting, token);
            assertEquals(DeployReport.Outcome.REFUSED, report.outcome());
            assertFalse(report.problems().isEmpty());
            assertTrue(held.held());
        }
    }
}
