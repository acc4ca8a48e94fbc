package dev.creact.bench;

import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.BuildResult;

import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.js.Transpiler;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.plan.DependencyGraph;
import dev.creact.engine.render.CloudDomBuilder;
import dev.creact.engine.render.RenderRequest;
import dev.creact.engine.render.Renderer;
import dev.creact.engine.validate.Validator;
import org.graalvm.polyglot.Engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The render benchmark of the engine foundation. Every measurement runs in a child JVM, so that each
 * variant (GraalJS interpreter-only, or with the Truffle JIT on stock Temurin) starts from the same
 * place:
 * <ul>
 *   <li><b>warm</b> (language-server-like): one {@link dev.creact.engine.core.Engine}, {@code --warmup} builds, then
 *       {@code --iterations} measured builds; median and p95;</li>
 *   <li><b>cold in-process</b>: the first {@link dev.creact.engine.core.Engine#build} in a fresh JVM (and the engine's
 *       construction before it), median of {@code --cold-runs} JVMs;</li>
 *   <li><b>cold process</b> (CLI-like): wall time of {@code bin/creact build --entry ...}, median of
 *       {@code --cold-runs};</li>
 *   <li><b>phases</b>: where a warm build's time goes (transpile, context, module loading, JS render,
 *       JSON parse, validation), timed from outside by calling the engine's pieces.</li>
 * </ul>
 * Prints Markdown tables on stdout; progress on stderr.
 *
 * <p>Usage: {@code RenderBench [--work DIR] [--sizes 10,1000,10000] [--warm-sizes 1000,10000]
 * [--warmup 20] [--iterations 30] [--cold-runs 5] [--variants interp,jit] [--creact bin/creact]
 * [--lib bench/target/lib] [--jit-dir bench/target/jit] [--skip cold,process,warm,memo,phases]}.
 */
public final class RenderBench {
    private static final String STACK = "bench";

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        new RenderBench(parse(args)).run();
    }

    // ------------------------------------------------------------------ options

    private final Map<String, String> opt;
    private final Path work;
    private final Path lib;
    private final Path jitDir;
    private final Path creact;
    private final Path classes;

    private RenderBench(Map<String, String> opt) {
        this.opt = opt;
        this.work = Path.of(opt.getOrDefault("work", "bench/target/stacks")).toAbsolutePath();
        this.lib = Path.of(opt.getOrDefault("lib", "bench/target/lib")).toAbsolutePath();
        this.jitDir = Path.of(opt.getOrDefault("jit-dir", "bench/target/jit")).toAbsolutePath();
        this.creact = Path.of(opt.getOrDefault("creact", "bin/creact")).toAbsolutePath();
        this.classes = Path.of(opt.getOrDefault("classes", "bench/target/classes")).toAbsolutePath();
    }

    private static Map<String, String> parse(String[] args) {
        var m = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private List<Integer> ints(String name, String def) {
        return Stream.of(opt.getOrDefault(name, def).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).toList();
    }

    private int integer(String name, int def) {
        return Integer.parseInt(opt.getOrDefault(name, Integer.toString(def)));
    }

    private boolean skipped(String what) {
        return Arrays.asList(opt.getOrDefault("skip", "").split(",")).contains(what);
    }

    // ------------------------------------------------------------------ variants

    /** How a child JVM runs GraalJS. */
    private record Variant(String name, String label, List<String> jvmFlags) {
    }

    private List<Variant> variants() {
        var out = new ArrayList<Variant>();
        for (String v : opt.getOrDefault("variants", "interp,jit").split(",")) {
            switch (v.strip()) {
                case "interp" -> out.add(new Variant("interp", "interpreter-only (default)", List.of()));
                case "jit" -> out.add(new Variant("jit", "Truffle JIT, engine.Mode=latency",
                        jitFlags("latency")));
                case "jit-throughput" -> out.add(new Variant("jit-throughput", "Truffle JIT, engine.Mode=default",
                        jitFlags(null)));
                default -> throw new IllegalArgumentException("unknown variant " + v);
            }
        }
        return out;
    }

    /**
     * The JVM flags that turn the Truffle JIT on with stock Temurin: the polyglot and Truffle jars on the
     * module path, the Graal compiler jar (25.0.3, matching the JDK) upgrading jdk.graal.compiler, and
     * JVMCI enabled. Languages (js, regex, icu4j) and creact stay on the class path.
     */
    private List<String> jitFlags(String mode) {
        var compiler = jars(jitDir, "compiler-");
        if (compiler.isEmpty()) {
            throw new IllegalStateException("no Graal compiler jar in " + jitDir + " (run mvn package on bench)");
        }
        var modulePath = new ArrayList<Path>();
        for (String prefix : List.of("polyglot-", "collections-", "word-", "nativeimage-", "jniutils-",
                "truffle-api-", "truffle-runtime-", "truffle-compiler-")) {
            modulePath.addAll(jars(lib, prefix));
        }
        var flags = new ArrayList<>(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--enable-native-access=org.graalvm.truffle",
                "--module-path", join(modulePath),
                "--upgrade-module-path", join(compiler),
                "--add-modules", "org.graalvm.polyglot"));
        if (mode != null) {
            flags.add("-Dpolyglot.engine.Mode=" + mode);
        }
        return flags;
    }

    private static List<Path> jars(Path dir, String prefix) {
        try (var files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".jar") && Character.isDigit(n.charAt(prefix.length()));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** The flags bin/creact runs the CLI with. */
    private static final List<String> CLI_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    private static final List<String> BASE_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xss16m");

    private List<String> javaCommand(Variant v, List<String> extra, String... childArgs) {
        var cmd = new ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(BASE_FLAGS);
        cmd.addAll(extra);
        cmd.addAll(v.jvmFlags());
        cmd.add("-cp");
        cmd.add(classes + File.pathSeparator + lib + File.separator + "*");
        cmd.add(RenderBench.class.getName());
        cmd.add("child");
        cmd.addAll(List.of(childArgs));
        return cmd;
    }

    // ------------------------------------------------------------------ the run

    private void run() throws Exception {
        var sizes = ints("sizes", "10,1000,10000");
        var warmSizes = ints("warm-sizes", "1000,10000");
        int warmup = integer("warmup", 20);
        int iterations = integer("iterations", 30);
        int coldRuns = integer("cold-runs", 5);
        var variants = variants();

        var entries = new LinkedHashMap<Integer, Path>();
        var all = new ArrayList<>(sizes);
        warmSizes.stream().filter(s -> !all.contains(s)).forEach(all::add);
        for (int n : all) {
            entries.put(n, StackGenerator.write(work.resolve("stack-" + n), n));
        }
        var out = new Section();
        out.append("Stacks: ").append(work).append("/stack-N (StackGenerator: N/10 services of 10 resources, ")
                .append("6 MockResource + 4 LocalFile; resource i depends on i-10).\n\n");

        for (Variant v : variants) {
            var probe = runChild(javaCommand(v, List.of(), "probe"));
            out.append("- variant **").append(v.name()).append("** (").append(v.label()).append("): Truffle runtime `")
                    .append(probe.strip()).append("`\n");
        }
        out.append('\n');

        // shape check: every stack builds, with the expected count and chain depth
        {
            var check = runChild(javaCommand(variants.getFirst(), List.of(), Stream.concat(Stream.of("check"),
                    entries.values().stream().map(Path::toString)).toArray(String[]::new)));
            out.append("Shape check (in-process build of each stack):\n\n```\n").append(check.strip()).append("\n```\n\n");
        }

        out.flush();
        if (!skipped("warm")) {
            out.append("### Warm evaluation, in-process (language-server-like)\n\n");
            out.append("One `dev.creact.engine.core.Engine`, ").append(warmup).append(" warm-up builds, then ").append(iterations)
                    .append(" measured `dev.creact.engine.core.Engine.build` calls (JVM defaults: G1, tiered C1+C2). Times in ms.\n\n");
            out.append("| variant | resources | median | p95 | min | max |\n|---|---:|---:|---:|---:|---:|\n");
            for (Variant v : variants) {
                for (int n : warmSizes) {
                    progress("warm " + v.name() + " N=" + n);
                    var samples = samples(runChild(javaCommand(v, List.of(), "warm", entries.get(n).toString(),
                            Integer.toString(warmup), Integer.toString(iterations))));
                    out.append(row(v.name(), n, samples)).append('\n');
                }
            }
            out.append('\n');
        }

        out.flush();
        if (!skipped("memo")) {
            out.append("### Warm evaluation through the memo (incremental rendering), in-process\n\n");
            out.append("As above, with one `RenderMemo` kept across the builds as the language server keeps one per stack. ")
                    .append("`unchanged`: the same sources every build; `root edit`: before each build one `<Service>`'s `tier` ")
                    .append("prop in infrastructure.tsx changes (unsaved editor text, so the entry is transpiled each time; ")
                    .append("a different service each build); `root edit, memo cleared first`: the same edits with the memo ")
                    .append("emptied before each build, so every instance renders and is recorded; `root edit, no memo`: the ")
                    .append("same edits built without a memo (against the row above: what recording costs). ")
                    .append("Times in ms.\n\n");
            out.append("| variant | resources | builds | median | p95 | min | max |\n|---|---:|---|---:|---:|---:|---:|\n");
            for (Variant v : variants) {
                for (int n : warmSizes) {
                    for (String mode : List.of("same", "edit", "record", "full")) {
                        progress("memo " + mode + " " + v.name() + " N=" + n);
                        var samples = samples(runChild(javaCommand(v, List.of(), "warm-memo", entries.get(n).toString(),
                                Integer.toString(warmup), Integer.toString(iterations), mode)));
                        String r = row(v.name(), n, samples);
                        int cut = r.indexOf('|', r.indexOf('|', 1) + 1); // after the resources column
                        out.append(r.substring(0, cut + 1)).append(' ').append(switch (mode) {
                                    case "same" -> "unchanged";
                                    case "edit" -> "root edit";
                                    case "record" -> "root edit, memo cleared first";
                                    default -> "root edit, no memo";
                                })
                                .append(" |").append(r.substring(cut + 1)).append('\n');
                    }
                }
            }
            out.append('\n');
        }

        out.flush();
        if (!skipped("cold")) {
            out.append("### Cold first evaluation, in-process\n\n");
            out.append("A fresh JVM per run with bin/creact's flags (`").append(String.join(" ", CLI_FLAGS))
                    .append("`); `engine` = `new dev.creact.engine.core.Engine()`, `first build` = the first `build` call, ")
                    .append("`second` = the build after it. Median of ").append(coldRuns).append(" JVMs, ms.\n\n");
            out.append("| variant | resources | engine | first build | second build |\n|---|---:|---:|---:|---:|\n");
            for (Variant v : variants) {
                for (int n : sizes) {
                    progress("cold " + v.name() + " N=" + n);
                    var engine = new ArrayList<Double>();
                    var first = new ArrayList<Double>();
                    var second = new ArrayList<Double>();
                    for (int r = 0; r < coldRuns; r++) {
                        var s = samples(runChild(javaCommand(v, CLI_FLAGS, "cold", entries.get(n).toString())));
                        engine.add(s.get(0));
                        first.add(s.get(1));
                        second.add(s.get(2));
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f |%n", v.name(), n,
                            median(engine), median(first), median(second)));
                }
            }
            out.append('\n');
        }

        out.flush();
        if (!skipped("process")) {
            out.append("### Cold whole process: `bin/creact build --entry <stack>/infrastructure.tsx`\n\n");
            out.append("Wall time of the whole process (JVM start, engine, build, printing the tree), median of ")
                    .append(coldRuns).append(" (after one unmeasured run), ms. The JIT variant passes its flags in ")
                    .append("`CREACT_JAVA_OPTS`.\n\n");
            out.append("| variant | resources | median | min | max |\n|---|---:|---:|---:|---:|\n");
            for (Variant v : variants) {
                for (int n : sizes) {
                    progress("process " + v.name() + " N=" + n);
                    var times = new ArrayList<Double>();
                    processWall(v, entries.get(n), n); // unmeasured: builds the jar if it is stale
                    while (times.size() < coldRuns) {
                        double ms = processWall(v, entries.get(n), n);
                        if (ms >= 0) {
                            times.add(ms);
                        }
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %,d | %.0f | %.0f | %.0f |%n", v.name(), n,
                            median(times), sorted(times).getFirst(), sorted(times).getLast()));
                }
            }
            out.append('\n');
        }

        out.flush();
        if (!skipped("phases")) {
            out.append("### Where a warm build's time goes (interpreter-only unless noted)\n\n");
            out.append("Pieces of the engine called one by one after warm-up; median of ").append(iterations)
                    .append(", ms. `transpile` = swc4j on every project file without the cache (what an edit costs; ")
                    .append("a warm build of unchanged files hits the cache); `context` = a fresh sandboxed context ")
                    .append("created and closed, no code; `modules` = loading creact's runtime and the user's modules ")
                    .append("in a fresh context; `render (JS)` = `__creactRender` up to the JSON string; ")
                    .append("`JSON parse` = Jackson `readTree` of that string; `Renderer.render` = the whole render ")
                    .append("step as the engine runs it; `validate+tree` = `checkDeclarations` + `CloudDomBuilder` ")
                    .append("+ `checkGraph`.\n\n");
            out.append("| variant | resources | transpile | context | modules | render (JS) | JSON parse | Renderer.render | validate+tree | JSON size |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Variant v : variants) {
                for (int n : warmSizes) {
                    progress("phases " + v.name() + " N=" + n);
                    var s = samples(runChild(javaCommand(v, List.of(), "phases", entries.get(n).toString(),
                            Integer.toString(warmup), Integer.toString(iterations))));
                    out.append(String.format(Locale.ROOT,
                            "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %,.0f KiB |%n",
                            v.name(), n, s.get(0), s.get(1), s.get(2), s.get(3), s.get(4), s.get(5), s.get(6),
                            s.get(7) / 1024));
                }
            }
            out.append('\n');
        }
        out.flush();
    }

    /** Markdown written to stdout a section at a time, so a failure late in the run keeps the tables before it. */
    private static final class Section {
        private final StringBuilder sb = new StringBuilder();

        Section append(Object text) {
            sb.append(text);
            return this;
        }

        void flush() {
            System.out.print(sb);
            System.out.flush();
            sb.setLength(0);
        }
    }

    /** Wall time of one bin/creact build in ms, or -1 when bin/creact rebuilt its jar first (sources changed). */
    private double processWall(Variant v, Path entry, int n) throws IOException, InterruptedException {
        // a generous time limit: the default 5 s is not enough for 10,000 resources cold
        var pb = new ProcessBuilder(creact.toString(), "build", "--no-color", "--eval-timeout", "300000",
                "--entry", entry.toString());
        pb.environment().put("CREACT_JAVA_OPTS", String.join(" ", v.jvmFlags()));
        pb.redirectErrorStream(true);
        long start = System.nanoTime();
        var p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        String text = new String(output, StandardCharsets.UTF_8);
        if (rc != 0 || !text.contains(String.format(Locale.ROOT, "%d resource", n))) {
            throw new IllegalStateException("bin/creact failed (exit " + rc + "): " + tail(text));
        }
        if (text.contains("building the jar")) {
            progress("bin/creact rebuilt its jar (engine or cli sources changed); sample discarded");
            return -1;
        }
        return ms;
    }

    private static String runChild(List<String> cmd) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        var p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("child failed (exit " + rc + "): " + String.join(" ", cmd) + "\n" + tail(text));
        }
        return text;
    }

    private static String tail(String text) {
        var lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static void progress(String what) {
        System.err.println("[render-bench] " + what);
    }

    private static List<Double> samples(String childOutput) {
        return childOutput.lines().filter(l -> l.startsWith("SAMPLES ")).findFirst()
                .map(l -> Stream.of(l.substring(8).strip().split(" ")).map(Double::parseDouble).toList())
                .orElseThrow(() -> new IllegalStateException("no samples in: " + childOutput));
    }

    private static String row(String variant, int n, List<Double> samples) {
        var s = sorted(samples);
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f |", variant, n, median(s),
                percentile(s, 95), s.getFirst(), s.getLast());
    }

    static List<Double> sorted(List<Double> values) {
        var s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    static double median(List<Double> values) {
        var s = sorted(values);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, int p) {
        var s = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    // ------------------------------------------------------------------ children

    private static void child(String[] args) throws Exception {
        switch (args[0]) {
            case "probe" -> probe();
            case "check" -> check(Arrays.copyOfRange(args, 1, args.length));
            case "warm" -> warm(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "warm-memo" -> warmMemo(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            case "cold" -> cold(Path.of(args[1]));
            case "phases" -> phases(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown child mode " + args[0]);
        }
    }

    /** Which Truffle runtime this JVM gets: "Interpreted" when there is no JIT. */
    private static void probe() {
        try (var engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            System.out.println(engine.getImplementationName());
        }
    }

    private static BuildRequest request(Path entry) {
        Path abs = entry.toAbsolutePath().normalize();
        return BuildRequest.of(abs.getParent(), abs, STACK)
                .withLimits(SandboxLimits.DEFAULT.withTimeLimit(Duration.ofMinutes(5)));
    }

    private static BuildResult buildOk(dev.creact.engine.core.Engine engine, Path entry) {
        var result = engine.build(request(entry));
        if (!result.ok()) {
            throw new IllegalStateException("build of " + entry + " failed: " + result.problems());
        }
        return result;
    }

    private static void check(String[] entries) {
        try (var engine = new dev.creact.engine.core.Engine()) {
            for (String e : entries) {
                var result = buildOk(engine, Path.of(e));
                CloudDom dom = result.cloudDom();
                System.out.printf(Locale.ROOT, "%s: %,d resources, valid, %,d problems, longest dependency chain %d%n",
                        Path.of(e).getParent().getFileName(), dom.size(), result.problems().size(), longestChain(dom));
            }
        }
    }

    /** Number of resources on the longest path of the dependency graph. */
    static int longestChain(CloudDom dom) {
        var graph = DependencyGraph.of(dom);
        var depth = new HashMap<String, Integer>();
        int best = 0;
        for (String id : graph.ids()) {
            best = Math.max(best, depth(id, graph, depth));
        }
        return best;
    }

    private static int depth(String id, DependencyGraph graph, Map<String, Integer> memo) {
        // iterative post-order, chains are deep
        var stack = new ArrayList<String>();
        stack.add(id);
        while (!stack.isEmpty()) {
            String top = stack.getLast();
            if (memo.containsKey(top)) {
                stack.removeLast();
                continue;
            }
            boolean ready = true;
            int d = 0;
            for (String dep : graph.dependenciesOf(top)) {
                Integer known = memo.get(dep);
                if (known == null) {
                    stack.add(dep);
                    ready = false;
                } else {
                    d = Math.max(d, known);
                }
            }
            if (ready) {
                memo.put(top, d + 1);
                stack.removeLast();
            }
        }
        return memo.get(id);
    }

    private static void warm(Path entry, int warmup, int iterations) {
        try (var engine = new dev.creact.engine.core.Engine()) {
            for (int i = 0; i < warmup; i++) {
                buildOk(engine, entry);
            }
            var sb = new StringBuilder("SAMPLES");
            for (int i = 0; i < iterations; i++) {
                long t = System.nanoTime();
                buildOk(engine, entry);
                sb.append(' ').append(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t) / 1e6));
            }
            System.out.println(sb);
        }
    }

    /** Warm builds through one memo: of the same sources ("same"), or after an edit of one service's tier ("edit"). */
    private static void warmMemo(Path entryArg, int warmup, int iterations, String mode) throws IOException {
        Path entry = entryArg.toAbsolutePath().normalize();
        String text = Files.readString(entry);
        var memo = new dev.creact.engine.render.RenderMemo();
        var tier = java.util.regex.Pattern.compile("(index=\\{(\\d+)\\} tier=\\{TIERS\\[)(\\d)(\\]\\})");
        int services = (int) tier.matcher(text).results().count();
        try (var engine = new dev.creact.engine.core.Engine()) {
            var sb = new StringBuilder("SAMPLES");
            for (int i = 0; i < warmup + iterations; i++) {
                Map<Path, String> overlays = Map.of();
                if (!mode.equals("same")) {
                    int target = (i * 37) % services;
                    int step = 1 + i % 2;
                    var m = tier.matcher(text);
                    var edited = new StringBuilder();
                    while (m.find()) {
                        int t = Integer.parseInt(m.group(3));
                        m.appendReplacement(edited, java.util.regex.Matcher.quoteReplacement(m.group(1)
                                + (Integer.parseInt(m.group(2)) == target ? (t + step) % 3 : t) + m.group(4)));
                    }
                    m.appendTail(edited);
                    overlays = Map.of(entry, edited.toString());
                }
                if (mode.equals("record")) {
                    memo.clear(); // every build records, none reuses: what recording costs
                }
                long t = System.nanoTime();
                var result = engine.build(request(entry).withOverlays(overlays).withMemo(mode.equals("full") ? null : memo));
                long elapsed = System.nanoTime() - t;
                if (!result.ok()) {
                    throw new IllegalStateException("build of " + entry + " failed: " + result.problems());
                }
                if (i >= warmup) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.3f", elapsed / 1e6));
                }
            }
            System.out.println(sb);
            System.err.println("memo: " + memo.lastStats());
        }
    }

    private static void cold(Path entry) {
        long t0 = System.nanoTime();
        try (var engine = new dev.creact.engine.core.Engine()) {
            long t1 = System.nanoTime();
            buildOk(engine, entry);
            long t2 = System.nanoTime();
            buildOk(engine, entry);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "SAMPLES %.3f %.3f %.3f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
    }

    private static final String BOOTSTRAP_TAIL = "import { __creactRender } from \"creact\";\n"
            + "import \"creact/local\";\nimport \"creact/mock\";\n"
            + "export function render(input) { return __creactRender(entry.default, input); }\n";

    private static void phases(Path entryArg, int warmup, int iterations) throws IOException {
        var entry = entryArg.toAbsolutePath().normalize();
        var root = entry.getParent();
        var limits = SandboxLimits.DEFAULT.withTimeLimit(Duration.ofMinutes(5));
        List<Path> files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".tsx")).sorted().toList();
        }
        var texts = new ArrayList<String>();
        for (Path f : files) {
            texts.add(Files.readString(f));
        }
        String bootstrap = "import * as entry from " + Json.write(entry.toString()) + ";\n" + BOOTSTRAP_TAIL;
        String input = "{\"outputs\":{},\"state\":{}}";
        var renderRequest = new RenderRequest(root, entry, STACK, null, Map.of(), limits);
        int n = warmup + iterations;
        var cols = new ArrayList<List<Double>>();
        for (int c = 0; c < 8; c++) {
            cols.add(new ArrayList<>());
        }
        try (var host = new JsHost()) {
            var renderer = new Renderer(host);
            for (int i = 0; i < n; i++) {
                boolean keep = i >= warmup;
                // transpile, uncached
                long t = System.nanoTime();
                var fresh = new Transpiler();
                for (int f = 0; f < files.size(); f++) {
                    fresh.transpile(files.get(f), texts.get(f));
                }
                double transpile = ms(t);
                // context alone
                t = System.nanoTime();
                host.run(root, Map.of(), limits, CancellationToken.NONE, s -> null);
                double context = ms(t);
                // modules, then the JS render, then Jackson
                double[] inner = new double[3];
                String[] json = new String[1];
                host.run(root, Map.of(), limits, CancellationToken.NONE, s -> {
                    long u = System.nanoTime();
                    var ns = s.evalModule("creact-bootstrap.mjs", bootstrap);
                    inner[0] = ms(u);
                    u = System.nanoTime();
                    json[0] = ns.getMember("render").execute(input).asString();
                    inner[1] = ms(u);
                    return null;
                });
                t = System.nanoTime();
                try {
                    Json.mapper().readTree(json[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                inner[2] = ms(t);
                // the whole render step, then validation and the tree
                t = System.nanoTime();
                var render = renderer.render(renderRequest, CancellationToken.NONE);
                double whole = ms(t);
                if (render.failed()) {
                    throw new IllegalStateException(render.problems().toString());
                }
                t = System.nanoTime();
                var problems = new ArrayList<>(Validator.checkDeclarations(render.nodes(), render.constructs()));
                var dom = CloudDomBuilder.build(STACK, render, renderRequest.previous());
                problems.addAll(Validator.checkGraph(dom));
                double validate = ms(t);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException(problems.toString());
                }
                if (keep) {
                    double[] row = {transpile, context, inner[0], inner[1], inner[2], whole, validate,
                            json[0].length()};
                    for (int c = 0; c < row.length; c++) {
                        cols.get(c).add(row[c]);
                    }
                }
            }
        }
        var sb = new StringBuilder("SAMPLES");
        for (var col : cols) {
            sb.append(' ').append(String.format(Locale.ROOT, "%.3f", median(col)));
        }
        System.out.println(sb);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
