package dev.creact.cli;

import dev.creact.engine.model.CancellationToken;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams and terminal facts of one command. In-process they are the process's own; in the daemon each
 * request brings its client's (stdin, stdout and stderr relayed over the socket, whether the client's stdin
 * and stdout are a terminal, and a cancellation token its Ctrl-C or disconnect cancels). Commands reach them
 * through {@link Terminal}, never through {@code System.in/out/err} or {@code System.console()}.
 *
 * <p>{@code engine} is the daemon's {@link SharedEngine}, which {@link Session} borrows instead of making an
 * engine of its own; null in-process (each command makes and closes its own).
 */
public record CommandIo(InputStream in, PrintStream out, PrintStream err, boolean interactive, CancellationToken cancel,
                        SharedEngine engine) {
    private static final ThreadLocal<CommandIo> CURRENT = new ThreadLocal<>();

    /** A command's streams with an engine of its own. */
    public CommandIo(InputStream in, PrintStream out, PrintStream err, boolean interactive, CancellationToken cancel) {
        this(in, out, err, interactive, cancel, null);
    }

    /** The process's own streams as they are now (tests replace System.out and System.err). */
    public static CommandIo system() {
        var console = System.console();
        return new CommandIo(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), console != null && console.isTerminal(),
                CancellationToken.NONE);
    }

    /** The streams of the command running on this thread ({@link Main#run(String[], CommandIo)}). */
    static CommandIo current() {
        var io = CURRENT.get();
        return io != null ? io : system();
    }

    static void bind(CommandIo io) {
        CURRENT.set(io);
    }

    static void unbind() {
        CURRENT.remove();
    }
}
