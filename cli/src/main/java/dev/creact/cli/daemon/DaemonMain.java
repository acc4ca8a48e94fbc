package dev.creact.cli.daemon;

import dev.creact.cli.DurationConverter;
import dev.creact.client.DaemonDirectory;
import dev.creact.client.DaemonKey;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The daemon process the thin client starts: {@code DaemonMain <daemon folder> <key>}. Its stdout and stderr
 * are its log; while a command runs, stray writes to System.out/err go to that command's client.
 */
public final class DaemonMain {
    static final Duration DEFAULT_IDLE = Duration.ofHours(3);

    private DaemonMain() {
    }

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DaemonMain <daemon folder> <key> (started by the creact client)");
            System.exit(64);
        }
        // Ctrl-C in the terminal that started the daemon, or that terminal closing, must not stop it: it
        // serves every later command of that folder (where setsid is missing, it shares the terminal's group).
        for (var name : new String[]{"INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException unavailable) {
                // not a signal on this platform
            }
        }
        // The daemon's own stdout and stderr are its log file (the client redirected both there).
        var log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        var out = new RequestStreams.Routed(System.out);
        var err = new RequestStreams.Routed(System.err);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        var server = new DaemonServer(new DaemonDirectory(Path.of(args[0])), new DaemonKey(args[1]), idle(), out, err, log);
        server.serve();
        System.exit(0);
    }

    /** {@code CREACT_DAEMON_IDLE}: how long the daemon waits for a command before it stops (3h, 30m, 90s). */
    static Duration idle() {
        String value = System.getenv("CREACT_DAEMON_IDLE");
        if (value == null || value.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            return new DurationConverter().convert(value.strip());
        } catch (RuntimeException e) {
            System.err.println("creact daemon: CREACT_DAEMON_IDLE='" + value + "' is not a duration (write 3h, 30m, 90s); using "
                    + DEFAULT_IDLE.toHours() + "h");
            return DEFAULT_IDLE;
        }
    }
}
