package dev.creact.bench;

import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Deploy makespan against the critical path (docs: issue "Deploy", benchmark 2).
 *
 * <p>Builds a graph of {@code --size} mock resources whose latencies (10–200 ms) and dependencies (each
 * resource depends on 0–3 earlier ones, so the graph is acyclic) are fixed by {@code new Random(seed)},
 * writes it as an {@code infrastructure.tsx} of {@code MockResource}s with {@code latencyMs} and
 * {@code dependsOn}, and deploys it through the real engine ({@link dev.creact.engine.api.Stack#deploy}, approval
 * {@code plan -> true}, parallelism high enough not to bind) into a fresh temporary project per run.
 *
 * <p>It measures, from the deploy listener (the coordinator's own events): the apply makespan (first
 * operation started to last operation finished), the whole {@code engine.deploy} call (render, plan, apply,
 * re-plan), each operation's observed duration and the gap between an operation's start and the finish of
 * its last prerequisite. It compares the makespan with the critical path (the largest sum of latencies
 * along any dependency path, a lower bound for any executor) and with what a level-by-level (batch
 * barrier) executor would take (the sum over levels of the largest latency in the level), and runs the same
 * graph with every latency 0 to show the engine's own cost per operation (journal, ledger, threads).
 *
 * <p>Prints Markdown on stdout; progress on stderr. Options: {@code --size 1000 --seed 42 --min-latency 10
 * --max-latency 200 --max-deps 3 --parallelism 1000 --runs 3 --warmup 1 --work DIR --keep --dump DIR}.
 */
public final class DeployMakespanBench {
    private int size = 1000;
    private long seed = 42;
    private int minLatency = 10;
    private int maxLatency = 200;
    private int maxDeps = 3;
    private int parallelism = 1000;
    private int runs = 3;
    private int warmup = 1;
    private Path work;
    private boolean keep;
    /** When set, a CSV per deploy (id, latency, prerequisites, start and finish in ms from the first start). */
    private Path dump;

    /** The generated graph: latencies and prerequisites by index (prerequisites are all smaller). */
    record Graph(int[] latency, int[][] deps) {
        int size() {
            return latency.length;
        }

        String id(int i) {
            return "r%04d".formatted(i);
        }

        static Graph generate(int n, long seed, int minLatency, int maxLatency, int maxDeps) {
            var random = new Random(seed);
            int[] latency = new int[n];
            int[][] deps = new int[n][];
            for (int i = 0; i < n; i++) {
                latency[i] = minLatency + random.nextInt(maxLatency - minLatency + 1);
                int k = Math.min(i, random.nextInt(maxDeps + 1));
                var chosen = new LinkedHashSet<Integer>();
                while (chosen.size() < k) {
                    chosen.add(random.nextInt(i));
                }
                deps[i] = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
            }
            return new Graph(latency, deps);
        }

        /** Longest path, by the weights given (latencies, or measured durations); the graph is in topological order. */
        double criticalPath(double[] weight) {
            double[] finish = new double[size()];
            double best = 0;
            for (int i = 0; i < size(); i++) {
                double start = 0;
                for (int d : deps[i]) {
                    start = Math.max(start, finish[d]);
                }
                finish[i] = start + weight[i];
                best = Math.max(best, finish[i]);
            }
            return best;
        }

        /** Number of resources on the longest path (by latency). */
        int criticalPathLength() {
            double[] finish = new double[size()];
            int[] count = new int[size()];
            int best = 0;
            double bestFinish = -1;
            for (int i = 0; i < size(); i++) {
                double start = 0;
                int c = 0;
                for (int d : deps[i]) {
                    if (finish[d] > start) {
                        start = finish[d];
                        c = count[d];
                    }
                }
                finish[i] = start + latency[i];
                count[i] = c + 1;
                if (finish[i] > bestFinish) {
                    bestFinish = finish[i];
                    best = count[i];
                }
            }
            return best;
        }

        /** Depth of each resource: 0 for no prerequisites, else 1 + the deepest prerequisite. */
        int[] levels() {
            int[] level = new int[size()];
            for (int i = 0; i < size(); i++) {
                for (int d : deps[i]) {
                    level[i] = Math.max(level[i], level[d] + 1);
                }
            }
            return level;
        }

        /** A level-by-level executor: each level starts when the whole previous level is done. */
        double levelByLevel(double[] weight) {
            int[] level = levels();
            int depth = Arrays.stream(level).max().orElse(-1) + 1;
            double[] worst = new double[depth];
            for (int i = 0; i < size(); i++) {
                worst[level[i]] = Math.max(worst[level[i]], weight[i]);
            }
            return Arrays.stream(worst).sum();
        }

        double[] latencies() {
            return Arrays.stream(latency).asDoubleStream().toArray();
        }

        String tsx(boolean zeroLatency) {
            var sb = new StringBuilder();
            sb.append("// Generated by dev.creact.bench.DeployMakespanBench: ").append(size())
                    .append(" MockResources, latencies and dependencies from a fixed seed.\n");
            sb.append("import { useInstance } from \"creact\";\nimport { MockResource } from \"creact/mock\";\n\n");
            sb.append("export default function Stack() {\n");
            for (int i = 0; i < size(); i++) {
                sb.append("  const ").append(id(i)).append(" = useInstance(MockResource, { key: \"").append(id(i))
                        .append("\", latencyMs: ").append(zeroLatency ? 0 : latency[i]);
                if (deps[i].length > 0) {
                    sb.append(", dependsOn: [");
                    for (int j = 0; j < deps[i].length; j++) {
                        sb.append(j == 0 ? "" : ", ").append(id(deps[i][j]));
                    }
                    sb.append("]");
                }
                sb.append(" });\n");
            }
            sb.append("  return null;\n}\n");
            return sb.toString();
        }
    }

    /** What the deploy listener saw, in System.nanoTime() of the coordinator's callbacks. */
    static final class Timeline implements DeployEvent.Listener {
        final Map<String, Long> started = new ConcurrentHashMap<>();
        final Map<String, Long> finished = new ConcurrentHashMap<>();
        final Map<String, Long> providerMillis = new ConcurrentHashMap<>();
        /** Wall clock of the first operation's start, to line the apply up with GC or profiler events. */
        volatile java.time.Instant firstStart;
        volatile int failures;
        volatile int cycles;

        @Override
        public void on(DeployEvent event) {
            switch (event) {
                case DeployEvent.CycleStarted c -> cycles++;
                case DeployEvent.OperationIntent i -> {
                    if (firstStart == null) {
                        firstStart = java.time.Instant.now();
                    }
                    started.putIfAbsent(i.id(), System.nanoTime());
                }
                case DeployEvent.OperationResult r -> {
                    finished.put(r.id(), System.nanoTime());
                    providerMillis.put(r.id(), r.millis());
                    if (!r.ok()) {
                        failures++;
                    }
                }
                default -> { }
            }
        }
    }

    /** One deploy's measurements, in milliseconds. */
    record Run(double total, double makespan, double realizedCriticalPath, double meanOverhead, double p50Overhead,
               double p99Overhead, double maxOverhead, double meanGap, double maxGap, int roots, double meanRootGap,
               double maxRootGap, int created, int ops,
               double[] durations) {
    }

    public static void main(String[] args) throws Exception {
        var bench = new DeployMakespanBench();
        bench.parse(args);
        bench.run(System.out);
        System.exit(0); // the engine's daemon threads would end anyway; do not wait for anything
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--min-latency" -> minLatency = Integer.parseInt(args[++i]);
                case "--max-latency" -> maxLatency = Integer.parseInt(args[++i]);
                case "--max-deps" -> maxDeps = Integer.parseInt(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--keep" -> keep = true;
                case "--dump" -> dump = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (options: --size --seed --min-latency --max-latency --max-deps --parallelism --runs --warmup --work --keep --dump)");
            }
        }
    }

    private void run(PrintStream out) throws IOException {
        if (work == null) {
            work = Files.createTempDirectory("creact-deploy-makespan");
        }
        Files.createDirectories(work);
        var graph = Graph.generate(size, seed, minLatency, maxLatency, maxDeps);
        double[] lat = graph.latencies();
        double cp = graph.criticalPath(lat);
        double levelByLevel = graph.levelByLevel(lat);
        double serial = Arrays.stream(lat).sum();
        int depth = Arrays.stream(graph.levels()).max().orElse(-1) + 1;
        long edges = Arrays.stream(graph.deps()).mapToLong(d -> d.length).sum();
        log("graph: %d resources, %d edges, %d levels, critical path %.0f ms over %d resources, level-by-level %.0f ms, serial %.0f ms"
                .formatted(size, edges, depth, cp, graph.criticalPathLength(), levelByLevel, serial));

        var results = new ArrayList<Run>();
        List<List<String>> planBatches = null;
        try (var engine = new CreactEngine()) {
            for (int r = 0; r < warmup + runs; r++) {
                boolean measured = r >= warmup;
                var outcome = deployOnce(engine, graph, false, "run-" + r);
                log("%s %d: deploy %.0f ms, apply makespan %.0f ms (%.3f × critical path), apply began %s".formatted(
                        measured ? "run" : "warm-up", measured ? r - warmup + 1 : r + 1, outcome.run().total(),
                        outcome.run().makespan(), outcome.run().makespan() / cp, outcome.applyStart()));
                if (measured) {
                    results.add(outcome.run());
                    planBatches = outcome.batches();
                }
            }
            var zero = deployOnce(engine, graph, true, "zero-latency");
            log("zero latency: deploy %.0f ms, apply %.0f ms".formatted(zero.run().total(), zero.run().makespan()));
            print(out, graph, cp, levelByLevel, serial, depth, edges, results, planBatches, zero.run());
            log("per-call costs…");
            printCallCosts(out, work.resolve("call-costs"));
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    private record Outcome(Run run, List<List<String>> batches, java.time.Instant applyStart) {
    }

    private Outcome deployOnce(CreactEngine engine, Graph graph, boolean zeroLatency, String name) throws IOException {
        Path project = work.resolve(name);
        deleteTree(project);
        Files.createDirectories(project);
        Files.writeString(project.resolve("infrastructure.tsx"), graph.tsx(zeroLatency), StandardCharsets.UTF_8);
        // The render is not what is measured here: a generous evaluation limit, so a loaded machine cannot refuse it.
        var input = new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")).withEvalTimeout(Duration.ofMinutes(5)),
                "deploy-makespan-bench", parallelism, 3, Duration.ofMillis(5));
        var timeline = new Timeline();
        long t0 = System.nanoTime();
        DeployReport report;
        try (var opened = engine.open(project)) {
            report = opened.stack("dev").deploy(input, Approval.ALWAYS, timeline, CancellationToken.NONE);
        }
        long t1 = System.nanoTime();
        if (report.outcome() != DeployReport.Outcome.DEPLOYED || timeline.failures > 0) {
            throw new IllegalStateException("the deploy did not succeed: " + report.outcome() + " " + report.problems()
                    + " " + report.failed());
        }
        if (report.created().size() != graph.size()) {
            throw new IllegalStateException("expected " + graph.size() + " creations, got " + report.created().size());
        }
        if (dump != null) {
            writeCsv(dump.resolve(name + ".csv"), graph, timeline, zeroLatency);
        }
        return new Outcome(measure(graph, timeline, (t1 - t0) / 1e6, report.created().size(), zeroLatency),
                report.plans().getFirst().batches(), timeline.firstStart);
    }

    private static Run measure(Graph graph, Timeline t, double totalMillis, int created, boolean zeroLatency) {
        int n = graph.size();
        long first = t.started.values().stream().min(Long::compare).orElseThrow();
        long last = t.finished.values().stream().max(Long::compare).orElseThrow();
        double[] duration = new double[n];
        double[] overhead = new double[n];
        double gapSum = 0;
        double gapMax = 0;
        int roots = 0;
        double rootGapSum = 0;
        double rootGapMax = 0;
        for (int i = 0; i < n; i++) {
            String id = graph.id(i);
            long s = t.started.get(id);
            long f = t.finished.get(id);
            duration[i] = (f - s) / 1e6;
            overhead[i] = duration[i] - (zeroLatency ? 0 : graph.latency()[i]);
            long ready = first;
            for (int d : graph.deps()[i]) {
                ready = Math.max(ready, t.finished.get(graph.id(d)));
            }
            double gap = (s - ready) / 1e6;
            gapSum += gap;
            gapMax = Math.max(gapMax, gap);
            if (graph.deps()[i].length == 0) {
                roots++;
                rootGapSum += gap;
                rootGapMax = Math.max(rootGapMax, gap);
            }
        }
        double[] sorted = overhead.clone();
        Arrays.sort(sorted);
        return new Run(totalMillis, (last - first) / 1e6, graph.criticalPath(duration),
                Arrays.stream(overhead).average().orElse(0), sorted[n / 2], sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)],
                sorted[n - 1], gapSum / n, gapMax, roots, roots == 0 ? 0 : rootGapSum / roots, rootGapMax, created, n, duration);
    }

    private void print(PrintStream out, Graph graph, double cp, double levelByLevel, double serial, int depth, long edges,
                       List<Run> results, List<List<String>> planBatches, Run zero) {
        var byMakespan = results.stream().sorted(Comparator.comparingDouble(Run::makespan)).toList();
        Run median = byMakespan.get(byMakespan.size() / 2);
        double medianMakespan = median.makespan();
        double ratio = medianMakespan / cp;
        // What a level-by-level executor would take with the plan's own batches (they should match the levels).
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < graph.size(); i++) {
            index.put(graph.id(i), i);
        }
        double planBatchBarrier = planBatches == null ? Double.NaN : planBatches.stream()
                .mapToDouble(b -> b.stream().mapToDouble(id -> graph.latency()[index.get(id)]).max().orElse(0)).sum();
        double measuredBatchBarrier = graph.levelByLevel(median.durations());

        out.println("### Deploy makespan vs critical path");
        out.println();
        out.printf(Locale.ROOT, "Graph: %d `MockResource`s, `new Random(%d)`: latency %d–%d ms, each resource depends on 0–%d earlier ones "
                        + "(%d edges, %d levels); parallelism %d; %d measured run(s) after %d warm-up run(s), fresh project each.%n%n",
                graph.size(), seed, minLatency, maxLatency, maxDeps, edges, depth, parallelism, results.size(), warmup);
        out.println("| schedule | time (ms) | / critical path | note |");
        out.println("|---|---:|---:|---|");
        out.printf(Locale.ROOT, "| critical path (lower bound) | %.0f | 1.000 | %d resources on the longest path |%n", cp,
                graph.criticalPathLength());
        out.printf(Locale.ROOT, "| **creact apply, measured (median)** | **%.0f** | **%.3f** | target ≤ 1.10: **%s** |%n",
                medianMakespan, ratio, ratio <= 1.10 ? "met" : "NOT met");
        out.printf(Locale.ROOT, "| level-by-level (batch barrier), analytic | %.0f | %.3f | sum over %d levels of the slowest latency |%n",
                levelByLevel, levelByLevel / cp, depth);
        out.printf(Locale.ROOT, "| level-by-level with the plan's batches | %.0f | %.3f | %d batches |%n", planBatchBarrier,
                planBatchBarrier / cp, planBatches == null ? 0 : planBatches.size());
        out.printf(Locale.ROOT, "| level-by-level with the measured durations | %.0f | %.3f | same overheads as the measured run |%n",
                measuredBatchBarrier, measuredBatchBarrier / cp);
        out.printf(Locale.ROOT, "| serial (parallelism 1), analytic | %.0f | %.2f | sum of latencies |%n", serial, serial / cp);
        out.println();
        out.println("| run | apply makespan (ms) | / critical path | critical path of measured durations (ms) | makespan / that | whole `engine.deploy` (ms) |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < results.size(); i++) {
            Run r = results.get(i);
            out.printf(Locale.ROOT, "| %d | %.0f | %.3f | %.0f | %.3f | %.0f |%n", i + 1, r.makespan(), r.makespan() / cp,
                    r.realizedCriticalPath(), r.makespan() / r.realizedCriticalPath(), r.total());
        }
        out.println();
        out.println("Per-operation overhead (median run): observed duration (coordinator start → coordinator sees the result) minus `latencyMs`; "
                + "gap = start − finish of the last prerequisite.");
        out.println();
        out.println("| per operation | mean (ms) | p50 (ms) | p99 (ms) | max (ms) |");
        out.println("|---|---:|---:|---:|---:|");
        out.printf(Locale.ROOT, "| overhead over `latencyMs` | %.2f | %.2f | %.2f | %.2f |%n", median.meanOverhead(), median.p50Overhead(),
                median.p99Overhead(), median.maxOverhead());
        out.printf(Locale.ROOT, "| start gap after the last prerequisite | %.3f | | | %.2f |%n", median.meanGap(), median.maxGap());
        out.printf(Locale.ROOT, "| start gap, resources without prerequisites (%d; dispatch at the start) | %.3f | | | %.2f |%n",
                median.roots(), median.meanRootGap(), median.maxRootGap());
        out.printf(Locale.ROOT, "| same graph, every latency 0: duration (includes queueing for 2 CPUs and the provider lock in a burst) | %.2f | %.2f | %.2f | %.2f |%n", zero.meanOverhead(),
                zero.p50Overhead(), zero.p99Overhead(), zero.maxOverhead());
        out.println();
        out.printf(Locale.ROOT, "Same graph with every latency 0: apply %.0f ms for %d operations (%.0f µs per operation, wall), "
                        + "whole `engine.deploy` %.0f ms. This is the engine's own cost per call: two journal lines (intent, result with the "
                        + "node as JSON), one mock-ledger line and a ledger catch-up under the provider's lock, prop resolution, a pool task.%n",
                zero.makespan(), zero.ops(), zero.makespan() * 1000 / zero.ops(), zero.total());
    }

    /**
     * The pieces of one deploy operation, each timed alone on one thread (20,000 calls after 5,000 unmeasured):
     * the journal's intent line, its result line (with the node as JSON, as the deployer writes it), the mock
     * ledger's line, and starting a thread as the deployer's pool does for each of its first
     * {@code parallelism} tasks (a platform thread) against a virtual thread.
     */
    private static void printCallCosts(PrintStream out, Path dir) throws IOException {
        Files.createDirectories(dir);
        var backend = new dev.creact.engine.backend.FileStateBackend(dir);
        var mapper = dev.creact.engine.model.Json.mapper();
        var props = mapper.createObjectNode().put("name", "res-42").put("latencyMs", 120).put("after", "mock-1a2b3c4d-1");
        var outputs = props.deepCopy().put("id", "mock-5e6f7a8b-1");
        outputs.remove("latencyMs");
        var node = new dev.creact.engine.model.Node("r0042", List.of("r0042"), "mock:Resource", props, List.of(), outputs,
                mapper.createObjectNode().put("id", "mock-5e6f7a8b-1"), null);
        double intent;
        double result;
        try (var journal = backend.openJournal("bench", true)) {
            intent = perCallMicros(i -> {
                var e = mapper.createObjectNode();
                e.put("deployment", "d").put("event", "intent").put("id", "r" + i).put("step", "create")
                        .put("type", "mock:Resource").put("at", System.currentTimeMillis());
                journal.append(e);
            });
            result = perCallMicros(i -> {
                var e = mapper.createObjectNode();
                e.put("deployment", "d").put("event", "result").put("id", "r" + i).put("step", "create").put("ok", true);
                e.set("node", dev.creact.engine.model.Json.tree(node));
                e.put("at", System.currentTimeMillis());
                journal.append(e);
            });
        }
        double ledger;
        try (var l = dev.creact.engine.providers.mock.MockLedger.open(dir.resolve("ledger.jsonl"))) {
            ledger = perCallMicros(i -> {
                try {
                    l.append(dev.creact.engine.providers.mock.MockLedger.Op.CREATE, "r" + i,
                            dev.creact.engine.providers.mock.MockLedger.Result.OK, "mock-" + i);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        double platform = perCallMicros(2_000, 200, i -> startAndJoin(Thread.ofPlatform()));
        double virtual = perCallMicros(2_000, 200, i -> startAndJoin(Thread.ofVirtual()));
        out.println();
        out.println("Per-call costs, each timed alone on one thread (mean µs per call):");
        out.println();
        out.println("| piece of an operation | µs per call |");
        out.println("|---|---:|");
        out.printf(Locale.ROOT, "| journal intent line (`Deployer.intent` → `Journal.append`: JSON + one write) | %.1f |%n", intent);
        out.printf(Locale.ROOT, "| journal result line with the node (`Deployer.resultEntry`: `Json.tree(node)` + JSON + one write) | %.1f |%n", result);
        out.printf(Locale.ROOT, "| mock ledger line (`MockLedger.append`) | %.1f |%n", ledger);
        out.printf(Locale.ROOT, "| start + join a platform thread (what `newFixedThreadPool` does for each of its first `parallelism` tasks) | %.1f |%n", platform);
        out.printf(Locale.ROOT, "| start + join a virtual thread | %.1f |%n", virtual);
    }

    private interface Call {
        void run(int i) throws Exception;
    }

    private static double perCallMicros(Call call) {
        return perCallMicros(20_000, 5_000, call);
    }

    private static double perCallMicros(int calls, int warmupCalls, Call call) {
        try {
            for (int i = 0; i < warmupCalls; i++) {
                call.run(i);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run(i);
            }
            return (System.nanoTime() - t0) / 1e3 / calls;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void startAndJoin(Thread.Builder builder) throws InterruptedException {
        builder.start(() -> {
        }).join();
    }

    private static void writeCsv(Path file, Graph graph, Timeline t, boolean zeroLatency) throws IOException {
        Files.createDirectories(file.getParent());
        long first = t.started.values().stream().min(Long::compare).orElseThrow();
        var sb = new StringBuilder("id,latency_ms,prerequisites,start_ms,finish_ms\n");
        for (int i = 0; i < graph.size(); i++) {
            String id = graph.id(i);
            var deps = new StringBuilder();
            for (int d : graph.deps()[i]) {
                deps.append(deps.isEmpty() ? "" : " ").append(graph.id(d));
            }
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.3f,%.3f%n", id, zeroLatency ? 0 : graph.latency()[i], deps,
                    (t.started.get(id) - first) / 1e6, (t.finished.get(id) - first) / 1e6));
        }
        Files.writeString(file, sb);
    }

    private static void log(String message) {
        System.err.println("deploy-makespan: " + message);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
