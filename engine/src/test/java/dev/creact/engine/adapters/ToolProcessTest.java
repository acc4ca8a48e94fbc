package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.provider.OperationContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An adapter's tool as a real child process: output, secrets, deadline, cancellation. */
@DisplayName("Running an adapter's tool")
class ToolProcessTest {
    @TempDir
    Path dir;

    private ToolProcess.Command sh(String script) {
        return new ToolProcess.Command("sh", List.of("/bin/sh", "-c", script), dir, Map.of("GREETING", "hello"), "step");
    }

    @Test
    @DisplayName("lines of its output arrive as it prints them, with secrets masked, and its exit code and stderr are kept")
    void output() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var redactor = Redactor.of(List.of(TextNode.valueOf("hunter22")));
        var outcome = ToolProcess.run(sh("echo $GREETING; echo password=hunter22; echo oops hunter22 >&2; exit 3"),
                OperationContext.NONE, redactor, lines::add);
        assertEquals(List.of("hello", "password=(sensitive)"), lines);
        assertEquals(3, outcome.exitCode());
        assertFalse(outcome.ok());
        assertEquals("oops (sensitive)\n", outcome.stderr());
        assertFalse(outcome.stdout().contains("hunter22"));
        assertTrue(Files.exists(dir.resolve(".creact-tool/step.stdout")), "its output goes to a file, not a pipe");
    }

    @Test
    @DisplayName("past its deadline it is stopped and the failure is transient")
    void deadline() {
        var context = new OperationContext(CancellationToken.NONE, Instant.now().plus(Duration.ofMillis(300)));
        long start = System.nanoTime();
        var error = assertThrows(AdapterError.class, () -> ToolProcess.run(sh("sleep 30"), context, Redactor.none(), l -> { }));
        assertTrue(error.isTransient());
        assertTrue(error.getMessage().contains("ran past its deadline"), error.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "stopped, not waited for");
    }

    @Test
    @DisplayName("cancelling asks it to stop (SIGTERM), lets it finish its cleanup, and reports it cancelled")
    void cancel() throws Exception {
        var token = new CancellationToken();
        var context = new OperationContext(token, Instant.MAX);
        Thread.ofVirtual().start(() -> {
            try {
                while (!Files.exists(dir.resolve("started"))) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException ignored) {
                return;
            }
            token.cancel();
        });
        var outcome = ToolProcess.run(sh("trap 'echo saved > stopped; exit 130' TERM; touch started; "
                + "while true; do sleep 0.05; done"), context, Redactor.none(), l -> { });
        assertTrue(outcome.cancelled());
        assertEquals(130, outcome.exitCode());
        assertEquals("saved\n", Files.readString(dir.resolve("stopped")), "it stopped gracefully");
    }

    @Test
    @DisplayName("a tool that is not installed is a permanent error that says so")
    void missing() {
        var error = assertThrows(AdapterError.class, () -> ToolProcess.run(new ToolProcess.Command("terraform",
                List.of("/nonexistent/terraform", "version"), dir, Map.of(), "version"), OperationContext.NONE, Redactor.none(), l -> { }));
        assertFalse(error.isTransient());
        assertTrue(error.getMessage().contains("is terraform installed"), error.getMessage());
    }
}
