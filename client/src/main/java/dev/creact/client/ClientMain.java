package dev.creact.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thin client {@code bin/creact} runs first: hands the command to this user's daemon for this build,
 * folder and environment (starting one when there is none) and relays stdin, stdout, stderr, Ctrl-C and the
 * exit code. It uses the JDK only, so its JVM starts in tens of milliseconds.
 *
 * <p>When the command must run in-process ({@link InProcessRule}), or no daemon can serve it (none could be
 * started, the socket is stale and a new one failed, the daemon is busy with another command), it exits with
 * {@link #IN_PROCESS} having written nothing and read nothing, and {@code bin/creact} runs the command in its
 * own JVM as before. A busy daemon is not waited for: the command it runs may be a deploy waiting minutes for
 * an approval, and running in-process gives the same result (the stack's lock orders stack changes).
 */
public final class ClientMain {
    /** "Run it yourself": never an exit code of a creact command (0, 1, 2, picocli's usage 2). */
    public static final int IN_PROCESS = 97;

    private ClientMain() {
    }

    public static void main(String[] argv) {
        var args = new ArrayList<String>();
        boolean noDaemon = false;
        boolean verbose = InProcessRule.isSet(System.getenv("CREACT_DAEMON_VERBOSE"));
        for (var a : argv) {
            switch (a) {
                case "--no-daemon" -> noDaemon = true;
                case "--verbose" -> verbose = true;
                default -> args.add(a);
            }
        }
        Map<String, String> env = System.getenv();
        String why = InProcessRule.reason(args, env, noDaemon);
        if (why != null) {
            if (verbose) {
                System.err.println("creact: running in-process: " + why);
            }
            System.exit(IN_PROCESS);
        }
        System.exit(run(args, env, verbose));
    }

    static int run(List<String> args, Map<String, String> env, boolean verbose) {
        var dir = DaemonDirectory.of(env);
        var key = DaemonKey.ofThisProcess();
        DaemonConnection connection;
        try {
            try {
                connection = DaemonConnection.open(dir, key, Frames.Purpose.RUN);
            } catch (DaemonConnection.Refused e) {
                throw e;
            } catch (IOException none) {
                connection = DaemonLauncher.startAndConnect(dir, key, env, verbose);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (verbose) {
                System.err.println("creact: running in-process: no daemon could serve this command: " + e.getMessage());
            }
            return IN_PROCESS;
        }
        if (verbose) {
            System.err.println("creact: served by daemon " + connection.pid + " (" + dir.socket(key) + ")");
        }
        try (var c = connection) {
            return relay(c, args);
        } catch (IOException e) {
            System.err.println("creact: lost the connection to the daemon (" + e.getMessage() + "); its log: " + dir.log(key));
            return 1;
        }
    }

    private static int relay(DaemonConnection c, List<String> args) throws IOException {
        boolean interactive = interactive();
        Frames.write(c.out, Frames.REQUEST, Frames.payload(out -> {
            Frames.writeString(out, Path.of("").toAbsolutePath().toString());
            Frames.writeStrings(out, args);
            out.writeBoolean(interactive);
        }));
        var stdin = new Thread(() -> {
            try {
                Frames.pump(System.in, c.out, Frames.STDIN);
                Frames.write(c.out, Frames.STDIN_EOF, new byte[0]);
            } catch (IOException gone) {
                // the command finished, or the daemon went away: the main loop reports it
            }
        }, "creact-stdin");
        stdin.setDaemon(true);
        stdin.start();
        onInterrupt(c);
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        while (true) {
            var frame = Frames.read(c.in);
            if (frame == null) {
                throw new IOException("the daemon closed the connection before the command finished");
            }
            switch (frame.type()) {
                case Frames.STDOUT -> stdout.write(frame.payload());
                case Frames.STDERR -> stderr.write(frame.payload());
                case Frames.EXIT -> {
                    return frame.data().readInt();
                }
                default -> throw new IOException("unexpected daemon frame " + frame.type());
            }
        }
    }

    /** Ctrl-C asks the daemon to cancel the command, which then ends as it does when cancelled; twice stops now. */
    @SuppressWarnings("removal")
    private static void onInterrupt(DaemonConnection c) {
        var presses = new AtomicInteger();
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (presses.incrementAndGet() > 1) {
                    Runtime.getRuntime().halt(130);
                }
                try {
                    Frames.write(c.out, Frames.CANCEL, new byte[0]);
                } catch (IOException gone) {
                    Runtime.getRuntime().halt(130);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            // no SIGINT handling here: Ctrl-C ends the client, and the closed socket cancels the command
        }
    }

    /** Whether stdin and stdout are a terminal: bin/creact knows it from the shell ({@code creact.tty}). */
    private static boolean interactive() {
        String tty = System.getProperty("creact.tty");
        if (tty != null) {
            return tty.equals("1") || tty.equals("true");
        }
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
