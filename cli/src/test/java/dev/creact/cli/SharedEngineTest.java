package dev.creact.cli;

import dev.creact.engine.model.CancellationToken;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The daemon's shared engine: every command borrows it, none closes it")
class SharedEngineTest {
    @TempDir
    Path project;

    private GlobalOptions options() throws Exception {
        Files.writeString(project.resolve("infrastructure.tsx"), DaemonTest.stack(2, 0));
        var options = new GlobalOptions();
        options.entry = project.resolve("infrastructure.tsx");
        options.evalTimeoutMs = 60_000;
        return options;
    }

    private static CommandIo io(SharedEngine engine) {
        var sink = new PrintStream(PrintStream.nullOutputStream());
        return new CommandIo(new ByteArrayInputStream(new byte[0]), sink, sink, false, new CancellationToken(), engine);
    }

    @Test
    @DisplayName("two commands in the daemon get the same engine, still usable after the first session closed")
    void commandsShareTheDaemonsEngine() throws Exception {
        var options = options();
        try (var shared = new SharedEngine()) {
            CommandIo.bind(io(shared));
            try {
                dev.creact.engine.api.CreactEngine first;
                try (var session = Session.open(options)) {
                    first = session.engine;
                }
                try (var session = Session.open(options)) {
                    assertSame(first, session.engine, "the daemon's engine is lent again");
                    assertTrue(session.stack.build(options.buildInput(), CancellationToken.NONE).ok(), "and still builds after the first session closed");
                }
            } finally {
                CommandIo.unbind();
            }
        }
    }

    @Test
    @DisplayName("in-process, each command makes its own engine")
    void inProcessCommandsOwnTheirEngine() throws Exception {
        var options = options();
        CommandIo.bind(io(null));
        try (var a = Session.open(options); var b = Session.open(options)) {
            assertNotSame(a.engine, b.engine);
        } finally {
            CommandIo.unbind();
        }
    }
}
