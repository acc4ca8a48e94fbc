package dev.creact.engine.js;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jModuleKind;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jJsxRuntimeOption;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * TSX, TS and JSX to JavaScript ES modules with swc4j, with source maps. JSX uses the automatic
 * runtime in development form ({@code creact/jsx-dev-runtime}), so every element carries the file,
 * line and column where it was written.
 *
 * <p>Results are cached by a hash of path and content: re-evaluating an unchanged file (the language
 * server does so on every keystroke in another file) costs a map lookup.
 *
 * <p>swc is native code: it cannot be interrupted, and a stack overflow in it kills the process. So a file
 * is first checked against the {@link SourceLimits} (nesting, size), then transpiled on a thread of its
 * own whose stack is sized for the file ({@link NativeParserStack}), while the caller waits only as long
 * as its evaluation may go on (its {@link EvaluationMeter} counts the transpiler thread's CPU time). A
 * transpile whose evaluation was stopped finishes in the background, and its result is kept: asking for
 * the same text again waits for that transpile instead of starting another.
 */
public final class Transpiler {
    /** swc's messages end their first part with {@code at file:///path:line:column}, then a code frame. */
    private static final Pattern SWC_PLACE = Pattern.compile("\\s+at\\s+file://(\\S+?):(\\d+):(\\d+)");

    private static final long POLL_MILLIS = 10;

    private volatile Swc4j swc;
    private final TranspiledModuleCache cache = new TranspiledModuleCache(TranspiledModuleCache.DEFAULT_BUDGET_BYTES);
    private final Map<String, Job> inFlight = new ConcurrentHashMap<>();

    /** The evaluation waiting for a transpile was stopped (time limit, memory limit or cancellation). */
    public static final class StoppedException extends RuntimeException {
        private final Path file;

        StoppedException(Path file) {
            super("stopped while transpiling " + file);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /**
     * Loads swc's native library and runs it once. Loading takes about 0.2 s; the host does it on a
     * second thread while the GraalJS engine starts, so a cold command pays for only one of the two.
     */
    private Swc4j swc() {
        Swc4j s = swc;
        if (s == null) {
            synchronized (this) {
                if (swc == null) {
                    SwcNativeLibrary.configure();
                    swc = new Swc4j();
                }
                s = swc;
            }
        }
        return s;
    }

    /**
     * Loads swc in the background unless {@code entry}'s current text is in the project's disk cache: a plan of
     * unchanged sources then never loads it, and a changed one still overlaps the load with the engine's start.
     */
    public void warmUpUnlessCached(Path projectRoot, Path entry) {
        try {
            if (TranspileDiskCache.under(projectRoot).has(entry, java.nio.file.Files.readString(entry))) {
                return;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no entry yet, or unreadable: the build will say so
        }
        warmUp();
    }

    public void warmUp() {
        try {
            transpile(Path.of("/__creact__/warm-up.tsx"), "export const a = <x/>;\n");
        } catch (RuntimeException ignored) {
            // a real transpile will report the problem
        }
    }

    /** Whether a file is transpiled (rather than served as is). */
    public static boolean needsTranspile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tsx") || name.endsWith(".ts") || name.endsWith(".jsx")
                || name.endsWith(".mts");
    }

    public TranspiledModule transpile(Path file, String source) {
        return transpile(file, source, EvaluationMeter.unmetered());
    }

    /**
     * Transpiles {@code source}, the text of {@code file}, waiting while {@code meter}'s evaluation may go on.
     *
     * @throws SourceLimitException when the file nests too deeply or is too large to transpile
     * @throws JsSyntaxException    when it does not parse
     * @throws StoppedException     when the evaluation was stopped while waiting
     */
    public TranspiledModule transpile(Path file, String source, EvaluationMeter meter) {
        return transpile(file, source, meter, null);
    }

    /**
     * As {@link #transpile(Path, String, EvaluationMeter)}, reading and keeping the result in {@code disk} too
     * (null: in memory only), so that a later process with the same text does not load swc at all.
     */
    TranspiledModule transpile(Path file, String source, EvaluationMeter meter, TranspileDiskCache disk) {
        String key = hash(CallSites.stamp() + "\u0000" + file + "\u0000" + source);
        var cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        int nonBlank = SourceLimits.checkTranspilable(file, source);
        SourceLimits.check(file, source, true);
        if (disk != null) {
            var kept = disk.read(file, source);
            if (kept.isPresent()) {
                remember(key, kept.get());
                return kept.get();
            }
        }
        var job = inFlight.computeIfAbsent(key, k -> new Job(k, file, source, nonBlank, disk));
        return job.await(meter);
    }

    /** Whether swc's native library has been loaded by this transpiler (for tests of the disk cache). */
    boolean swcLoaded() {
        return swc != null;
    }

    private void remember(String key, TranspiledModule module) {
        cache.put(key, module);
    }

    /** Transpiles still running (some may belong to evaluations that were stopped). */
    public int running() {
        return inFlight.size();
    }

    /** One transpile on its own thread, with a stack sized for the file. */
    private final class Job implements EvaluationMeter.Helper {
        private final String key;
        private final Path file;
        private final TranspileDiskCache disk;
        private final CompletableFuture<TranspiledModule> result = new CompletableFuture<>();
        private final Thread thread;
        private volatile long finalCpu = -1;
        private volatile long finalAllocated = -1;

        Job(String key, Path file, String source, int nonBlank, TranspileDiskCache disk) {
            this.key = key;
            this.file = file;
            this.disk = disk;
            long stack = NativeParserStack.bytesFor(nonBlank);
            this.thread = Thread.ofPlatform().daemon().name("creact-swc").stackSize(stack).unstarted(() -> run(source));
            try {
                thread.start();
            } catch (OutOfMemoryError e) {
                throw new SourceLimitException(SourceLimitException.SIZE, file.toString(), 1, 1,
                        "not enough memory to transpile " + file + " (its parser needs " + (stack >> 20)
                                + " MiB of stack)", "split the file into smaller modules");
            }
        }

        private void run(String source) {
            try {
                var compiled = doTranspile(file, source);
                var module = compiled.module();
                remember(key, module);
                if (disk != null) {
                    disk.write(file, source, module.code(), compiled.mappings());
                }
                finish();
                result.complete(module);
            } catch (Throwable t) {
                finish();
                result.completeExceptionally(t);
            }
        }

        private void finish() {
            finalAllocated = EvaluationMeter.threadAllocatedBytes(Thread.currentThread().threadId());
            finalCpu = EvaluationMeter.threadCpuNanos(Thread.currentThread().threadId());
            inFlight.remove(key, this);
        }

        @Override
        public long cpuNanos() {
            long done = finalCpu;
            return done >= 0 ? done : Math.max(0, EvaluationMeter.threadCpuNanos(thread.threadId()));
        }

        @Override
        public long allocatedBytes() {
            long done = finalAllocated;
            return done >= 0 ? done : Math.max(0, EvaluationMeter.threadAllocatedBytes(thread.threadId()));
        }

        TranspiledModule await(EvaluationMeter meter) {
            Runnable untrack = meter.track(this);
            try {
                while (true) {
                    try {
                        return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (meter.stopped() != null) {
                            throw new StoppedException(file);
                        }
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException(file);
            } finally {
                untrack.run();
            }
        }
    }

    /** A transpiled module and its source map's {@code mappings} (null when swc made none). */
    private record Compiled(TranspiledModule module, String mappings) {
    }

    private Compiled doTranspile(Path file, String source) {
        String name = file.getFileName().toString();
        Swc4jMediaType media = name.endsWith(".tsx") ? Swc4jMediaType.Tsx
                : name.endsWith(".jsx") ? Swc4jMediaType.Jsx
                : Swc4jMediaType.TypeScript;
        try {
            var options = new Swc4jTranspileOptions()
                    .setJsx(Swc4jJsxRuntimeOption.Automatic(true, "creact"))
                    .setMediaType(media)
                    .setParseMode(Swc4jParseMode.Module)
                    .setModuleKind(Swc4jModuleKind.Esm)
                    .setSourceMap(Swc4jSourceMapOption.Separate)
                    .setSpecifier(file.toUri().toURL());
            var out = swc().transpile(source, options);
            String mappings = out.getSourceMap() == null ? null
                    : dev.creact.engine.model.Json.read(out.getSourceMap(), com.fasterxml.jackson.databind.JsonNode.class)
                    .path("mappings").asText("");
            var map = mappings == null ? SourceMap.identity() : SourceMap.decode(mappings);
            String code = out.getCode();
            if (!BuiltinModules.isBuiltinPath(file)) {
                // useInstance's call sites from the AST, so the runtime need not build a stack trace per resource
                var sited = CallSites.apply(swc(), file, code, mappings, map);
                if (!sited.code().equals(code)) {
                    code = sited.code();
                    mappings = sited.mappings();
                    map = SourceMap.decode(mappings);
                }
            }
            return new Compiled(new TranspiledModule(file.toString(), source, code, map), mappings);
        } catch (Swc4jCoreException e) {
            throw toSyntaxError(file, e.getMessage());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsSyntaxException toSyntaxError(Path file, String message) {
        String text = message == null ? "syntax error" : message.strip();
        var m = SWC_PLACE.matcher(text);
        if (m.find()) {
            return new JsSyntaxException(file.toString(), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), SyntaxMessages.safe(file, text.substring(0, m.start())));
        }
        return new JsSyntaxException(file.toString(), 1, 1, SyntaxMessages.safe(file, text));
    }

    static String hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
