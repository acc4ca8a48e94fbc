package dev.creact.engine.providers.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code /bin/sh -c command} as a real process, with a time limit and bounded capture of its output. */
final class ShellCommand {
    static final int STDOUT_CAP = 1024 * 1024;
    /** Only the end of stderr is reported, and that is where the reason for a failure usually is. */
    private static final int STDERR_TAIL = 8 * 1024;
    /**
     * After the shell exits, how long its output pipes may stay open: a background process started by the
     * command ({@code server &}) inherits them, and must not hold the deploy until the time limit.
     */
    private static final long DRAIN_GRACE_MS = 1000;

    record Outcome(int exitCode, String stdout, String stderr) {
        /** The last {@code n} non-blank lines of stderr. */
        List<String> stderrTail(int n) {
            List<String> lines = Arrays.stream(stderr.split("\\R")).filter(l -> !l.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        }
    }

    static final class TimedOut extends Exception {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private ShellCommand() {
    }

    static Outcome run(String command, Path cwd, long timeoutMs) throws IOException, InterruptedException, TimedOut {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Process process = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(cwd.toFile())
                // Never the JVM's own stdin: under `creact lsp` that is the editor's protocol channel.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Capture stdout = Capture.start(process.getInputStream(), STDOUT_CAP, false, "creact-exec-stdout");
        Capture stderr = Capture.start(process.getErrorStream(), STDERR_TAIL, true, "creact-exec-stderr");
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new TimedOut();
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        long drainMs = Math.max(0, Math.min(DRAIN_GRACE_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        long drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMs);
        stdout.thread.join(Math.max(1, drainMs));
        stderr.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainDeadline - System.nanoTime())));
        return new Outcome(process.exitValue(), stdout.text(), stderr.text());
    }

    /**
     * The shell's children first: once the shell is gone they are re-parented and can no longer be found,
     * and a {@code sleep} left running would keep the pipes (and a deploy) open.
     */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reads a stream to its end on its own thread (a child blocks once a pipe buffer is full, so both pipes
     * must be drained while it runs). Keeps the first {@code limit} bytes, or with {@code tail} the last.
     */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final byte[] kept;
        private final boolean tail;
        private long total;
        private Thread thread;

        private Capture(InputStream in, int limit, boolean tail) {
            this.in = in;
            this.kept = new byte[limit];
            this.tail = tail;
        }

        static Capture start(InputStream in, int limit, boolean tail, String name) {
            Capture capture = new Capture(in, limit, tail);
            capture.thread = Thread.ofPlatform().daemon().name(name).start(capture);
            return capture;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    keep(buffer, n);
                }
            } catch (IOException e) {
                // the process was killed and its pipe closed: what was read so far is all there is
            }
        }

        private synchronized void keep(byte[] buffer, int n) {
            for (int i = 0; i < n; i++, total++) {
                if (tail) {
                    kept[(int) (total % kept.length)] = buffer[i];
                } else if (total < kept.length) {
                    kept[(int) total] = buffer[i];
                }
            }
        }

        synchronized String text() {
            if (!tail || total <= kept.length) {
                return new String(kept, 0, (int) Math.min(total, kept.length), StandardCharsets.UTF_8);
            }
            int start = (int) (total % kept.length);
            byte[] ordered = new byte[kept.length];
            System.arraycopy(kept, start, ordered, 0, kept.length - start);
            System.arraycopy(kept, 0, ordered, kept.length - start, start);
            return new String(ordered, StandardCharsets.UTF_8);
        }
    }
}
