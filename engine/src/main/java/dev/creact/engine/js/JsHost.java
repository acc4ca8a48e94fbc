package dev.creact.engine.js;

import dev.creact.engine.model.CancellationToken;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * The GraalJS host: one shared {@link Engine} for the life of the process, a fresh sandboxed
 * {@link Context} per evaluation.
 *
 * <p>The sandbox: no host access or class lookup (so no {@code Java.type}), no native access, no
 * threads, no processes, no environment, no polyglot access; the only I/O is the
 * {@link ProjectFileSystem}, read-only and confined to the project root (by real path). A watchdog
 * stops an evaluation at its time limit (CPU time of the evaluating thread and of the transpiler threads
 * it waits for, so parsing counts) or when those threads have allocated more than its memory cap, or when
 * the process's heap is nearly full; a single typed array or string larger than the sandbox allows is
 * refused by GraalJS before it is allocated. Deep recursion ends in a JavaScript RangeError on a thread
 * with a generous stack; source that nests too deeply is refused before it is parsed.
 *
 * <p>GraalJS community edition on HotSpot has no heap quota per context ({@code sandbox.MaxHeapMemory}
 * and the other {@code sandbox.*} resource limits need Oracle GraalVM's enterprise extensions, and the
 * {@code CONSTRAINED} sandbox policy forbids the {@code js.max-typed-array-length} option used here), so
 * memory is bounded by these measures instead.
 */
public final class JsHost implements AutoCloseable {
    private static final long EVAL_STACK_BYTES = 64L << 20;
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
        this(null, null);
    }

    /**
     * A host for a command on the project at {@code projectRoot} with entry {@code entry} (both null when not
     * known): swc's native library is loaded in the background while the GraalJS engine starts, unless the
     * entry's text is in the project's transpile cache on disk (then a plan of unchanged sources never loads it).
     */
    public JsHost(Path projectRoot, Path entry) {
        Runnable warmUp = projectRoot == null || entry == null ? transpiler::warmUp
                : () -> transpiler.warmUpUnlessCached(projectRoot, entry);
        Thread.ofPlatform().daemon().name("creact-swc-warm-up").start(warmUp);
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
        var console = new ByteArrayOutputStream();
        var consoleStream = new CappedStream(console, CONSOLE_LIMIT);
        var contextRef = new AtomicReference<Context>();
        Future<T> future = evalThreads.submit(() -> {
            var meter = EvaluationMeter.forCurrentThread();
            var fs = new ProjectFileSystem(root, overlays, transpiler, meter);
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
                    .option("js.max-typed-array-length", Long.toString(limits.maxTypedArrayLength()))
                    .option("js.string-length-limit", Long.toString(limits.maxStringLength()))
                    .out(consoleStream)
                    .err(consoleStream)
                    .build();
            contextRef.set(context);
            // The limit counts CPU time (of the evaluating thread and the transpiler threads it waits for), so
            // a loaded machine does not stop code that is merely waiting for a core; a wall-clock backstop of
            // four times the limit catches code that blocks without using the CPU.
            long wallDeadline = System.nanoTime() + 4 * limits.timeLimit().toNanos();
            var heap = new HeapHeadroom();
            var check = watchdog.scheduleAtFixedRate(() -> {
                if (meter.stopped() != null) {
                    return;
                }
                var reason = overLimit(meter, limits, wallDeadline, heap);
                if (reason != null && meter.stop(reason.kind(), reason.reason())) {
                    stop(context);
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
            Runnable unregister = token.onCancel(() -> {
                if (meter.stop(JsEvaluationException.Kind.CANCELLED, "evaluation cancelled")) {
                    stop(context);
                }
            });
            var session = new JsSession(context, fs, console);
            try {
                return work.apply(session);
            } catch (PolyglotException e) {
                throw GuestErrors.translate(e, session, fs, meter.stopped(), limits);
            } catch (IllegalStateException e) {
                if (meter.stopped() != null) {
                    throw GuestErrors.stopped(meter.stopped(), fs, e);
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

    /** The limit an evaluation has gone past, or null. */
    private static EvaluationMeter.Stop overLimit(EvaluationMeter meter, SandboxLimits limits, long wallDeadline,
                                                  HeapHeadroom heap) {
        if (meter.cpuNanos() > limits.timeLimit().toNanos() || System.nanoTime() > wallDeadline) {
            return new EvaluationMeter.Stop(JsEvaluationException.Kind.TIMEOUT, "time limit: evaluation stopped after "
                    + limits.timeLimit().toMillis() + " ms");
        }
        long allocated = meter.allocatedBytes();
        if (allocated > limits.maxAllocatedBytes()) {
            return new EvaluationMeter.Stop(JsEvaluationException.Kind.MEMORY, "memory limit: evaluation stopped after "
                    + "allocating more than " + (limits.maxAllocatedBytes() >> 20) + " MiB");
        }
        String full = heap.nearlyFull(allocated);
        if (full != null) {
            return new EvaluationMeter.Stop(JsEvaluationException.Kind.MEMORY, "memory limit: evaluation stopped because "
                    + "the process's heap is nearly full (" + full + ")");
        }
        return null;
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
