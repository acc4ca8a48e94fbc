package dev.creact.engine.js;

import dev.creact.engine.model.CancellationToken;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The GraalJS host: one shared {@link Engine} for the life of the process, a fresh sandboxed
 * {@link Context} per evaluation.
 *
 * <p>The sandbox: no host access or class lookup (so no {@code Java.type}), no native access, no
 * threads, no processes, no environment, no polyglot access; the only I/O is the
 * {@link ProjectFileSystem}, read-only and confined to the project root. A watchdog stops an
 * evaluation at its time limit or when its thread has allocated more than its memory cap, by closing
 * the context; deep recursion ends in a JavaScript RangeError on a thread with a generous stack.
 */
public final class JsHost implements AutoCloseable {
    private static final long EVAL_STACK_BYTES = 64L << 20;
    private static final Pattern HOST_REACH = Pattern.compile(
            "\\b(require|process|fetch|Java|Packages|java|javax|XMLHttpRequest|Deno|Bun|module|__dirname|load|Polyglot)\\b is not defined"
                    + "|Access to host class|not allowed|Operation is not allowed");
    private static final int CONSOLE_LIMIT = 1 << 20;

    private final Engine engine;
    private final Transpiler transpiler = new Transpiler();
    private final ExecutorService evalThreads = Executors.newCachedThreadPool(r -> {
        var t = new Thread(null, r, "creact-eval", EVAL_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "creact-watchdog");
        t.setDaemon(true);
        return t;
    });

    public JsHost() {
        Thread.ofPlatform().daemon().name("creact-swc-warm-up").start(transpiler::warmUp);
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    public Transpiler transpiler() {
        return transpiler;
    }

    /** Work done inside one sandboxed context. */
    @FunctionalInterface
    public interface SessionWork<T> {
        T apply(JsSession session);
    }

    /**
     * Runs {@code work} in a fresh sandboxed context whose module loader serves the project at
     * {@code root} (with {@code overlays} in place of files on disk).
     *
     * @throws JsEvaluationException when user code fails or runs past a limit
     */
    public <T> T run(Path root, Map<Path, String> overlays, SandboxLimits limits, CancellationToken token,
                     SessionWork<T> work) {
        var fs = new ProjectFileSystem(root, overlays, transpiler);
        var console = new ByteArrayOutputStream();
        var consoleStream = new CappedStream(console, CONSOLE_LIMIT);
        var stopReason = new AtomicReference<JsEvaluationException.Kind>();
        var contextRef = new AtomicReference<Context>();
        Future<T> future = evalThreads.submit(() -> {
            var context = Context.newBuilder("js")
                    .engine(engine)
                    .allowHostAccess(HostAccess.NONE)
                    .allowHostClassLookup(name -> false)
                    .allowHostClassLoading(false)
                    .allowNativeAccess(false)
                    .allowCreateThread(false)
                    .allowCreateProcess(false)
                    .allowEnvironmentAccess(EnvironmentAccess.NONE)
                    .allowPolyglotAccess(PolyglotAccess.NONE)
                    .allowIO(IOAccess.newBuilder().fileSystem(fs).build())
                    .allowExperimentalOptions(true)
                    .option("js.esm-eval-returns-exports", "true")
                    .option("js.load", "false")
                    .option("js.graal-builtin", "false")
                    .option("js.polyglot-builtin", "false")
                    .option("js.java-package-globals", "false")
                    .out(consoleStream)
                    .err(consoleStream)
                    .build();
            contextRef.set(context);
            long threadId = Thread.currentThread().threadId();
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocatedAtStart = mx.getThreadAllocatedBytes(threadId);
            // The limit counts the evaluating thread's CPU time, so a loaded machine does not stop code that
            // is merely waiting for a core; a wall-clock backstop of four times the limit catches code
            // that blocks without using the CPU.
            long cpuAtStart = mx.getThreadCpuTime(threadId);
            long wallDeadline = System.nanoTime() + 4 * limits.timeLimit().toNanos();
            var check = watchdog.scheduleAtFixedRate(() -> {
                JsEvaluationException.Kind reason = null;
                long cpu = mx.getThreadCpuTime(threadId) - cpuAtStart;
                if (cpu > limits.timeLimit().toNanos() || System.nanoTime() > wallDeadline) {
                    reason = JsEvaluationException.Kind.TIMEOUT;
                } else if (mx.getThreadAllocatedBytes(threadId) - allocatedAtStart > limits.maxAllocatedBytes()) {
                    reason = JsEvaluationException.Kind.MEMORY;
                }
                if (reason != null && stopReason.compareAndSet(null, reason)) {
                    stop(context);
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
            Runnable unregister = token.onCancel(() -> {
                if (stopReason.compareAndSet(null, JsEvaluationException.Kind.CANCELLED)) {
                    stop(context);
                }
            });
            var session = new JsSession(context, fs, console);
            try {
                return work.apply(session);
            } catch (PolyglotException e) {
                throw translate(e, session, fs, stopReason.get(), limits);
            } catch (IllegalStateException e) {
                if (stopReason.get() != null) {
                    throw stopped(stopReason.get(), limits, e);
                }
                throw e;
            } finally {
                check.cancel(false);
                unregister.run();
                try {
                    context.close(true);
                } catch (RuntimeException ignored) {
                    // already closed by the watchdog or a cancellation
                }
            }
        });
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            token.cancel();
            Thread.currentThread().interrupt();
            throw new JsEvaluationException(JsEvaluationException.Kind.CANCELLED, "evaluation interrupted",
                    null, 0, 0, List.of(), Map.of(), e);
        } catch (CancellationException e) {
            throw new JsEvaluationException(JsEvaluationException.Kind.CANCELLED, "evaluation cancelled",
                    null, 0, 0, List.of(), Map.of(), e);
        }
    }

    /**
     * Stops running user code. An interrupt keeps the guest stack, so the error can say where the code
     * was; a context that does not reach a safepoint in time is closed instead.
     */
    private void stop(Context context) {
        Thread.ofPlatform().daemon().name("creact-stop").start(() -> {
            try {
                context.interrupt(Duration.ofMillis(500));
            } catch (TimeoutException | RuntimeException e) {
                try {
                    context.close(true);
                } catch (RuntimeException ignored) {
                    // already closed
                }
            }
        });
    }

    private static JsEvaluationException stopped(JsEvaluationException.Kind reason, SandboxLimits limits,
                                                 Throwable cause) {
        String message = switch (reason) {
            case TIMEOUT -> "evaluation stopped after " + limits.timeLimit().toMillis()
                    + " ms: a component runs too long (an endless loop?)";
            case MEMORY -> "evaluation stopped after allocating more than "
                    + (limits.maxAllocatedBytes() >> 20) + " MiB: a component uses too much memory";
            default -> "evaluation cancelled";
        };
        return new JsEvaluationException(reason, message, null, 0, 0, List.of(), Map.of(), cause);
    }

    /**
     * The components being rendered when an evaluation was stopped, innermost first, each at the place
     * its function is defined. An interrupt unwinds without running the runtime's cleanup, so its
     * component stack still shows where rendering was; this reads it from the (still open) context.
     */
    private static List<Frame> runningComponents(JsSession session, ProjectFileSystem fs) {
        var out = new ArrayList<Frame>();
        Value probe = session.runningComponents();
        if (probe == null) {
            return out;
        }
        try {
            Value list = probe.execute();
            for (long i = list.getArraySize() - 1; i >= 0; i--) {
                Value fn = list.getArrayElement(i);
                var loc = fn.getSourceLocation();
                if (loc == null) {
                    continue;
                }
                var src = loc.getSource();
                String path = src.getPath() != null ? src.getPath() : src.getName();
                String name = fn.hasMember("name") && fn.getMember("name").isString() ? fn.getMember("name").asString() : "";
                out.add(mapFrame(fs, name, path, loc.getStartLine(), loc.getStartColumn()));
            }
        } catch (RuntimeException ignored) {
            // the context was closed (the code did not stop in time): no location
        }
        return out;
    }

    private JsEvaluationException translate(PolyglotException e, JsSession session, ProjectFileSystem fs,
                                            JsEvaluationException.Kind stopReason, SandboxLimits limits) {
        var frames = userFrames(e, fs);
        if (stopReason != null || e.isCancelled() || e.isInterrupted()) {
            var kind = stopReason == null ? JsEvaluationException.Kind.CANCELLED : stopReason;
            var base = stopped(kind, limits, e);
            String message = base.getMessage();
            if (frames.isEmpty() && kind != JsEvaluationException.Kind.CANCELLED) {
                frames = runningComponents(session, fs);
                if (!frames.isEmpty()) {
                    message += ", while rendering component " + frames.getFirst().name();
                }
            }
            var top = frames.isEmpty() ? null : frames.getFirst();
            return new JsEvaluationException(kind, message, top == null ? null : top.path,
                    top == null ? 0 : top.line, top == null ? 0 : top.column,
                    frames.stream().map(Frame::toString).toList(), Map.of(), e);
        }
        var syntax = fs.syntaxError();
        if (syntax != null) {
            return new JsEvaluationException(JsEvaluationException.Kind.SYNTAX, syntax.detail(), syntax.path(),
                    syntax.line(), syntax.column(), List.of(), Map.of(), e);
        }
        var unresolved = fs.unresolvedImports();
        if (!unresolved.isEmpty()) {
            var first = unresolved.entrySet().iterator().next();
            var place = findImport(fs, first.getKey());
            return new JsEvaluationException(JsEvaluationException.Kind.IMPORT,
                    "cannot resolve import '" + place.specifier + "': " + first.getValue(),
                    place.path, place.line, place.column, List.of(), Map.of(), e);
        }
        if (e.isSyntaxError() && e.getSourceLocation() != null) {
            var loc = e.getSourceLocation();
            var f = mapFrame(fs, "", loc.getSource().getPath() != null ? loc.getSource().getPath() : loc.getSource().getName(),
                    loc.getStartLine(), loc.getStartColumn());
            return new JsEvaluationException(JsEvaluationException.Kind.SYNTAX, e.getMessage(), f.path, f.line,
                    f.column, List.of(), Map.of(), e);
        }
        if (e.isInternalError() || e.isHostException()) {
            return new JsEvaluationException(JsEvaluationException.Kind.INTERNAL,
                    "internal error while evaluating: " + e.getMessage(), null, 0, 0,
                    frames.stream().map(Frame::toString).toList(), Map.of(), e);
        }
        var details = guestDetails(e.getGuestObject());
        String message = e.getMessage() == null ? "error" : e.getMessage();
        var kind = HOST_REACH.matcher(message).find() ? JsEvaluationException.Kind.SANDBOX
                : JsEvaluationException.Kind.RUNTIME;
        var top = frames.isEmpty() ? null : frames.getFirst();
        return new JsEvaluationException(kind, message, top == null ? null : top.path,
                top == null ? 0 : top.line, top == null ? 0 : top.column,
                frames.stream().map(Frame::toString).toList(), details, e);
    }

    private static Map<String, Object> guestDetails(Value guest) {
        var out = new LinkedHashMap<String, Object>();
        if (guest == null || !guest.hasMembers()) {
            return out;
        }
        try {
            for (String key : List.of("code", "resourceId", "hint")) {
                Value v = guest.getMember(key);
                if (v != null && v.isString()) {
                    out.put(key, v.asString());
                }
            }
            Value stack = guest.getMember("creactComponentStack");
            if (stack != null && stack.hasArrayElements()) {
                var list = new ArrayList<String>();
                for (long i = 0; i < stack.getArraySize(); i++) {
                    list.add(stack.getArrayElement(i).asString());
                }
                out.put("componentStack", List.copyOf(list));
            }
        } catch (RuntimeException ignored) {
            // a guest object that is not what the runtime throws: no details
        }
        return out;
    }

    /** A user-code frame, in original coordinates. */
    private record Frame(String name, String path, int line, int column) {
        @Override
        public String toString() {
            return (name == null || name.isEmpty() ? "<module>" : name) + " (" + path + ":" + line + ":" + column + ")";
        }
    }

    private static List<Frame> userFrames(PolyglotException e, ProjectFileSystem fs) {
        var out = new ArrayList<Frame>();
        for (var f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame() || f.getSourceLocation() == null) {
                continue;
            }
            var loc = f.getSourceLocation();
            var src = loc.getSource();
            String path = src.getPath() != null ? src.getPath() : src.getName();
            if (path == null || BuiltinModules.isBuiltinPath(Path.of(path.startsWith("/") ? path : "/x/" + path))
                    || !path.startsWith("/")) {
                continue;
            }
            out.add(mapFrame(fs, f.getRootName(), path, loc.getStartLine(), loc.getStartColumn()));
        }
        return out;
    }

    private static Frame mapFrame(ProjectFileSystem fs, String name, String path, int line, int column) {
        var module = fs.loadedModules().get(Path.of(path));
        if (module == null) {
            return new Frame(name, path, line, column);
        }
        int[] pos = module.map().toOriginal(line, column);
        return new Frame(name, path, pos[0], pos[1]);
    }

    private record ImportPlace(String specifier, String path, int line, int column) {
    }

    /** Where an unresolved specifier is imported: searched in the original text of loaded modules. */
    private static ImportPlace findImport(ProjectFileSystem fs, String key) {
        String specifier = key;
        if (key.startsWith("/")) {
            specifier = Path.of(key).getFileName().toString();
        }
        for (var module : fs.loadedModules().values()) {
            String text = module.original();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (!(l.contains("import") || l.contains("from") || l.contains("export"))) {
                    continue;
                }
                for (char q : new char[]{'"', '\''}) {
                    int start = l.indexOf(q);
                    while (start >= 0) {
                        int end = l.indexOf(q, start + 1);
                        if (end < 0) {
                            break;
                        }
                        String spec = l.substring(start + 1, end);
                        if (!spec.isEmpty() && (spec.equals(key) || key.endsWith(stripDots(spec))
                                || spec.endsWith(specifier))) {
                            return new ImportPlace(spec, module.path(), i + 1, start + 1);
                        }
                        start = l.indexOf(q, end + 1);
                    }
                }
            }
        }
        return new ImportPlace(key, null, 0, 0);
    }

    private static String stripDots(String spec) {
        String s = spec;
        while (s.startsWith("./") || s.startsWith("../")) {
            s = s.substring(s.indexOf('/') + 1);
        }
        return s;
    }

    /**
     * The default export of a project file (such as {@code creact.config.js}) as JSON, evaluated in the
     * sandbox like any user code.
     */
    public String defaultExportAsJson(Path root, Path file, SandboxLimits limits) {
        return run(root, Map.of(), limits, CancellationToken.NONE, session -> session.evalModule("creact-default-export.mjs",
                "import value from " + dev.creact.engine.model.Json.write(file.toString())
                        + ";\nexport const json = JSON.stringify(value ?? {});\n").getMember("json").asString());
    }

    /** What {@link #runForJson} returns: the export's string, the project modules loaded (for source maps), the console. */
    public record ModuleRun(String json, Map<Path, TranspiledModule> modules, String console) {
    }

    /**
     * Evaluates {@code code} as a module in the sandbox (it may import project files and creact's modules) and
     * returns its string export {@code exportName}, with the modules it loaded and what it printed.
     */
    public ModuleRun runForJson(Path root, String moduleName, String code, String exportName, SandboxLimits limits,
                                CancellationToken token) {
        return run(root, Map.of(), limits, token, session -> {
            String json = session.evalModule(moduleName, code).getMember(exportName).asString();
            return new ModuleRun(json, Map.copyOf(session.fileSystem().loadedModules()), session.consoleOutput());
        });
    }

    @Override
    public void close() {
        evalThreads.shutdownNow();
        watchdog.shutdownNow();
        engine.close(true);
    }

    /** Keeps the last console output from growing without bound. */
    private static final class CappedStream extends OutputStream {
        private final ByteArrayOutputStream target;
        private final int limit;

        CappedStream(ByteArrayOutputStream target, int limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            synchronized (target) {
                if (target.size() < limit) {
                    target.write(b);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (target) {
                int n = Math.min(len, limit - target.size());
                if (n > 0) {
                    target.write(b, off, n);
                }
            }
        }
    }
}
