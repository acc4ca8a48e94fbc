package dev.creact.client;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the daemon of a key in the background and waits until it answers. The daemon is its own session
 * (setsid, where there is one) and ignores SIGINT and SIGHUP itself, so neither Ctrl-C in this terminal nor
 * closing it stops the daemon; its output goes to its log in the daemon folder.
 */
final class DaemonLauncher {
    /** Long enough for a cold JVM on a loaded machine; past it, this command runs in-process. */
    static final long START_WAIT_MS = 60_000;

    /** The JVM options of the long-lived daemon: the language server's (optimising JIT, bounded heap). */
    static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xss16m", "-XX:+UseG1GC", "-Xmx1g",
            "-XX:G1PeriodicGCInterval=30000", "-Xshare:auto");

    private DaemonLauncher() {
    }

    /** Starts the daemon unless another client did meanwhile, then connects; throws when it cannot. */
    static DaemonConnection startAndConnect(DaemonDirectory dir, DaemonKey key, Map<String, String> env,
                                            boolean verbose) throws IOException, InterruptedException {
        dir.ensure();
        try (var lockFile = FileChannel.open(dir.startLock(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = lockFile.lock()) {
            try {
                return DaemonConnection.open(dir, key, Frames.Purpose.RUN);
            } catch (DaemonConnection.Refused e) {
                throw e;
            } catch (IOException noneYet) {
                // nobody started it while we waited for the lock: a missing or stale socket
            }
            Files.deleteIfExists(dir.socket(key));
            Files.deleteIfExists(dir.token(key));
            var process = start(dir, key, env);
            if (verbose) {
                System.err.println("creact: started daemon " + process.pid() + " (" + dir.socket(key) + ")");
            }
            long deadline = System.nanoTime() + START_WAIT_MS * 1_000_000;
            IOException last = null;
            while (System.nanoTime() < deadline) {
                if (Files.exists(dir.socket(key))) {
                    try {
                        return DaemonConnection.open(dir, key, Frames.Purpose.RUN);
                    } catch (DaemonConnection.Refused e) {
                        throw e;
                    } catch (IOException e) {
                        last = e;
                    }
                }
                if (!process.isAlive()) {
                    throw new IOException("the daemon exited with " + process.exitValue() + " at start; see "
                            + dir.log(key));
                }
                Thread.sleep(10);
            }
            throw new IOException("the daemon did not answer within " + START_WAIT_MS + " ms"
                    + (last != null ? ": " + last.getMessage() : ""));
        }
    }

    private static Process start(DaemonDirectory dir, DaemonKey key, Map<String, String> env) throws IOException {
        var command = new ArrayList<String>();
        for (var setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid);
                break;
            }
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        String extra = env.get("CREACT_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", DaemonKey.daemonClassPath(), "dev.creact.cli.daemon.DaemonMain",
                dir.path().toString(), key.value()));
        Path log = dir.log(key);
        if (!Files.exists(log)) {
            DaemonDirectory.writePrivate(log, "");
        }
        return new ProcessBuilder(command)
                .directory(new File(System.getProperty("user.dir")))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }
}
