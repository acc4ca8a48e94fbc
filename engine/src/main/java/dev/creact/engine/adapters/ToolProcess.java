package dev.creact.engine.adapters;

import dev.creact.engine.provider.OperationContext;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external tool as a child process for one step of one resource: in the resource's own working
 * directory, with the call's deadline and cancellation, its output captured and redacted.
 *
 * <p>The tool's standard output and error go to files in the working directory ({@code .creact-tool/}),
 * not to pipes, and are read from there as they grow. That way a tool outlives a creact process that is
 * killed: Terraform finishes its apply and writes its state instead of dying on a broken pipe half way,
 * and the next command (a resume) waits for it through the tool's own lock and sees what it did.
 *
 * <p>Cancellation asks the tool to stop (SIGTERM: Terraform and Helm finish what is in flight and save
 * their state); the deadline does the same, and kills it if it does not stop within the grace period.
 */
public final class ToolProcess {
    /** How long a tool may take to stop after it was asked to. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final long POLL_MS = 20;
    private static final int STDERR_KEPT = 64 * 1024;
    private static final int STDOUT_KEPT = 16 * 1024 * 1024;

    /**
     * One run.
     *
     * @param tool        its name, for messages ({@code terraform})
     * @param argv        the command line (argv[0] is the binary)
     * @param directory   where it runs (the resource's working directory)
     * @param environment variables added to creact's own
     * @param step        a name for its output files ({@code apply})
     */
    public record Command(String tool, List<String> argv, Path directory, Map<String, String> environment, String step) {
        public Command {
            argv = List.copyOf(argv);
            environment = Map.copyOf(environment);
        }
    }

    /** How it ended: its exit code and what it printed (redacted). */
    public record Outcome(int exitCode, String stdout, String stderr, boolean cancelled) {
        public boolean ok() {
            return exitCode == 0 && !cancelled;
        }
    }

    private ToolProcess() {
    }

    /**
     * Runs {@code command} to its end; each complete line of its standard output goes to {@code lines}
     * (redacted) as it is printed.
     *
     * @throws AdapterError when it cannot start (permanent) or ran past the deadline (transient)
     */
    public static Outcome run(Command command, OperationContext context, Redactor redactor, Consumer<String> lines)
            throws AdapterError {
        Path logs = command.directory().resolve(".creact-tool");
        Path out = logs.resolve(command.step() + ".stdout");
        Path err = logs.resolve(command.step() + ".stderr");
        Process process;
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(logs);
            // Created private before the tool writes to them (a redirect keeps an existing file's mode).
            dev.creact.engine.security.PrivateFiles.write(out, new byte[0]);
            dev.creact.engine.security.PrivateFiles.write(err, new byte[0]);
            var builder = new ProcessBuilder(privately(command.argv(), command.environment()))
                    .directory(command.directory().toFile())
                    // Never creact's stdin: under `creact lsp` that is the editor's protocol channel.
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(command.environment());
            process = builder.start();
        } catch (IOException e) {
            throw AdapterError.permanent(command.tool(), "cannot run " + command.argv().getFirst() + ": " + e.getMessage()
                    + " (is " + command.tool() + " installed and on the PATH, or set in the provider's settings?)", e);
        }
        var tail = new LineTail(out, redactor, lines);
        boolean cancelled = false;
        boolean timedOut = false;
        long stopAsked = 0;
        try {
            while (!process.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
                tail.poll();
                boolean late = context.remaining().isZero();
                if (stopAsked == 0 && (context.cancelled() || late)) {
                    cancelled = context.cancelled();
                    timedOut = late;
                    stopAsked = System.nanoTime();
                    process.destroy(); // SIGTERM: the tool stops gracefully and keeps its state
                } else if (stopAsked != 0 && System.nanoTime() - stopAsked > GRACE.toNanos()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            cancelled = true;
        }
        tail.poll();
        tail.flush();
        String stdout = redactor.redact(read(out, STDOUT_KEPT, false));
        String stderr = redactor.redact(read(err, STDERR_KEPT, true));
        if (timedOut) {
            throw AdapterError.transientFailure(command.tool(), command.tool() + " " + command.step()
                    + " ran past its deadline and was stopped" + lastLines(stderr));
        }
        return new Outcome(process.exitValue(), stdout, stderr, cancelled);
    }

    /**
     * {@code argv} under {@code umask 077}, so the tool's files (its state, plugin caches, plans) are created
     * private; unwrapped when the executable cannot be found, so that starting it fails with a clear error.
     */
    static List<String> privately(List<String> argv, java.util.Map<String, String> environment) {
        String exe = argv.getFirst();
        boolean found;
        if (exe.contains("/")) {
            found = Files.isExecutable(Path.of(exe));
        } else {
            String path = environment.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
            found = java.util.Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                    .anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
        }
        return found ? dev.creact.engine.security.PrivateFiles.umaskArgv(argv) : argv;
    }

    /** The last lines of {@code text}, as {@code ": …"} for a message, or nothing. */
    static String lastLines(String text) {
        var kept = text.lines().filter(l -> !l.isBlank()).toList();
        if (kept.isEmpty()) {
            return "";
        }
        return ": " + String.join("\n  ", kept.subList(Math.max(0, kept.size() - 10), kept.size()));
    }

    private static String read(Path file, int limit, boolean keepEnd) {
        try (var f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            long start = keepEnd ? Math.max(0, length - limit) : 0;
            int n = (int) Math.min(limit, length - start);
            byte[] bytes = new byte[n];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads a growing file and hands out its complete lines. */
    private static final class LineTail {
        private final Path file;
        private final Redactor redactor;
        private final Consumer<String> lines;
        private final StringBuilder partial = new StringBuilder();
        private long offset;

        LineTail(Path file, Redactor redactor, Consumer<String> lines) {
            this.file = file;
            this.redactor = redactor;
            this.lines = lines;
        }

        void poll() {
            try (var f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length <= offset) {
                    return;
                }
                byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                f.seek(offset);
                f.readFully(bytes);
                offset += bytes.length;
                partial.append(new String(bytes, StandardCharsets.UTF_8));
                var complete = new ArrayList<String>();
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    complete.add(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
                complete.forEach(l -> lines.accept(redactor.redact(l)));
            } catch (IOException e) {
                // not written yet
            }
        }

        void flush() {
            if (!partial.isEmpty()) {
                lines.accept(redactor.redact(partial.toString()));
                partial.setLength(0);
            }
        }
    }
}
