package dev.creact.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.MemoryStateBackend;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.DeployRequest;
import dev.creact.engine.core.Engine;
import dev.creact.engine.deploy.EventSink;
import dev.creact.engine.js.JsEvaluationException;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.js.TranspiledModule;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.SourceSpan;
import dev.creact.engine.provider.DependencyContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a project's tests of its infrastructure code ({@code *.test.tsx}, {@code *.test.ts}) as
 * {@code creact test}: each file in the sandbox, its tests registered with {@code creact/test}, snapshots
 * compared with (or written to) {@code __snapshots__/<file>.snap.json} next to the file, and each
 * {@code testCycle} planned, deployed with the mock provider into an in-memory backend (local resources go
 * to a scratch copy of the project) and planned again, which must find nothing to do.
 */
public final class TestRunner {
    /** A test's outcome. */
    public enum Status { PASSED, FAILED }

    /**
     * One test: its file (relative to the project), full name, outcome, why it failed (with the resource and
     * prop when an assertion names them) and where.
     */
    public record Case(String file, String name, Status status, String message, SourceSpan location, long millis) {
    }

    /** Options: a filter on file or test names (null: all), whether to rewrite snapshots, a time limit per file. */
    public record Options(String filter, boolean updateSnapshots, Duration timeLimitPerFile) {
    }

    private static final Set<String> SKIPPED = Set.of(".creact", "node_modules", "out", ".git", "target", "__snapshots__",
            "types");
    private static final Pattern TEST_FILE = Pattern.compile(".*\\.test\\.(tsx|ts|jsx|js|mjs)");
    private static final Pattern FRAME = Pattern.compile("\\(?((?:file://)?/[^():]*(?::[^():\\d][^():]*)*):(\\d+):(\\d+)\\)?\\s*$");

    private final JsHost host;
    private final Engine engine;

    public TestRunner(JsHost host, Engine engine) {
        this.host = host;
        this.engine = engine;
    }

    /** Every test file under {@code root}, sorted, outside state, outputs, dependencies and snapshot folders. */
    public static List<Path> testFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p) && TEST_FILE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test files under " + root + ": " + e.getMessage(), e);
        }
    }

    public List<Case> run(Path root, CreactConfig config, Options options, CancellationToken token) {
        var cases = new ArrayList<Case>();
        for (Path file : testFiles(root)) {
            if (token.isCancelled()) {
                break;
            }
            String rel = root.relativize(file).toString();
            if (options.filter() != null && !rel.contains(options.filter())) {
                // the filter may name a test instead: the file runs, and its tests are filtered below
                var fileCases = runFile(root, file, rel, config, options, token);
                fileCases.stream().filter(c -> c.name().contains(options.filter())).forEach(cases::add);
                continue;
            }
            cases.addAll(runFile(root, file, rel, config, options, token));
        }
        return cases;
    }

    private List<Case> runFile(Path root, Path file, String rel, CreactConfig config, Options options, CancellationToken token) {
        var limits = SandboxLimits.DEFAULT.withTimeLimit(options.timeLimitPerFile());
        String code = "import { __creactRunTests } from \"creact/test\";\nimport " + Json.write(Json.mapper()
                .getNodeFactory().textNode(file.toString())) + ";\nexport const json = __creactRunTests();\n";
        JsHost.ModuleRun run;
        long start = System.nanoTime();
        try {
            run = host.runForJson(root, "creact-test-runner.mjs", code, "json", limits, token);
        } catch (JsEvaluationException e) {
            SourceSpan at = e.path() == null ? null : new SourceSpan(relative(root, e.path()), e.line(), e.column());
            return List.of(new Case(rel, "(loading the file)", Status.FAILED, e.getMessage(), at,
                    (System.nanoTime() - start) / 1_000_000));
        }
        ObjectNode result = Json.read(run.json(), ObjectNode.class);
        var cases = new ArrayList<Case>();
        var snapshots = new SnapshotFile(file, options.updateSnapshots());
        for (JsonNode t : result.path("tests")) {
            String name = t.path("name").asText();
            long millis = t.path("durationMs").asLong();
            if (!t.path("ok").asBoolean()) {
                var error = t.path("error");
                cases.add(new Case(rel, name, Status.FAILED, error.path("message").asText(),
                        locate(root, error.path("stack").asText(), run.modules()), millis));
                continue;
            }
            String mismatch = snapshots.check(name, t.path("snapshots"));
            cases.add(mismatch == null ? new Case(rel, name, Status.PASSED, null, null, millis)
                    : new Case(rel, name, Status.FAILED, mismatch, null, millis));
        }
        snapshots.save();
        for (JsonNode c : result.path("cycles")) {
            cases.add(cycle(root, file, rel, c.path("name").asText(), c.path("index").asInt(), c.path("options"), config,
                    options, token));
        }
        return cases;
    }

    /** The first frame of a failure's stack that is in a project module, in its original coordinates. */
    static SourceSpan locate(Path root, String stack, Map<Path, TranspiledModule> modules) {
        for (String line : stack.split("\n")) {
            var m = FRAME.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            String path = m.group(1).startsWith("file://") ? m.group(1).substring("file://".length()) : m.group(1);
            var module = modules.get(Path.of(path));
            if (module == null) {
                continue;
            }
            int[] pos = module.map().toOriginal(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return new SourceSpan(relative(root, path), pos[0], pos[1]);
        }
        return null;
    }

    private static String relative(Path root, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() && p.startsWith(root) ? root.relativize(p).toString() : file;
    }

    // ------------------------------------------------------------------ deploy cycles

    private Case cycle(Path root, Path file, String rel, String name, int index, JsonNode cycleOptions, CreactConfig config,
                       Options options, CancellationToken token) {
        long start = System.nanoTime();
        String caseName = "cycle: " + name;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("creact-test-cycle-");
            copyProject(root, scratch);
            Path entry = scratch.resolve("__creact_cycle__.tsx");
            String importPath = "./" + root.relativize(file).toString().replace('\\', '/');
            Files.writeString(entry, "import " + Json.write(Json.mapper().getNodeFactory().textNode(importPath)) + ";\n"
                    + "import { __cycles } from \"creact/test\";\nexport default __cycles[" + index + "].component;\n");
            var limits = SandboxLimits.DEFAULT.withTimeLimit(options.timeLimitPerFile());
            var build = new BuildRequest(scratch, entry, "test", null, Map.of(), limits);
            var backend = new MemoryStateBackend();
            var container = new DependencyContainer(scratch, config, backend, List.of());
            var first = engine.plan(build, 0, PlanOptions.NONE, token);
            if (!first.ok()) {
                return failed(rel, caseName, "the component does not build: " + firstError(first.problems()), start);
            }
            int count = first.build().cloudDom().size();
            if (cycleOptions.has("expectResources") && cycleOptions.path("expectResources").asInt() != count) {
                return failed(rel, caseName, "expected " + cycleOptions.path("expectResources").asInt() + " resources, it declares "
                        + count, start);
            }
            var report = engine.deploy(new DeployRequest(build, "creact test (" + name + ")", null, config, container),
                    plan -> true, EventSink.of("test"), token);
            if (report.outcome() != DeployReport.Outcome.DEPLOYED && report.outcome() != DeployReport.Outcome.NO_CHANGES) {
                String why = !report.problems().isEmpty() ? firstError(report.problems())
                        : report.failed().isEmpty() ? report.outcome().name().toLowerCase()
                        : report.failed().getFirst().id() + ": " + report.failed().getFirst().reason();
                return failed(rel, caseName, "the deploy did not succeed: " + why, start);
            }
            var state = backend.read("test").orElseThrow();
            var again = engine.plan(build.withPrevious(state.cloudDom()), state.serial(), PlanOptions.NONE, token);
            if (!again.ok()) {
                return failed(rel, caseName, "after the deploy the component does not build: " + firstError(again.problems()), start);
            }
            if (again.plan().hasChanges()) {
                var changes = again.plan().changeSet().all().stream().map(TestRunner::describe).toList();
                return failed(rel, caseName, "after the deploy the plan still has " + changes.size() + " change"
                        + (changes.size() == 1 ? "" : "s") + ": " + String.join("; ", changes)
                        + " (a prop that changes on every render, or an output that feeds back into what it derives from)", start);
            }
            return new Case(rel, caseName, Status.PASSED, null, null, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return failed(rel, caseName, "cannot prepare a scratch copy of the project: " + e.getMessage(), start);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static String describe(Change c) {
        return c.action().symbol() + " " + c.id() + (c.changedPaths().isEmpty() ? "" : " (" + String.join(", ", c.changedPaths()) + ")");
    }

    private static String firstError(List<Problem> problems) {
        return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).findFirst().map(Problem::render)
                .orElse("unknown reason");
    }

    private static Case failed(String file, String name, String message, long start) {
        return new Case(file, name, Status.FAILED, message, null, (System.nanoTime() - start) / 1_000_000);
    }

    private static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                boolean skip = false;
                for (Path part : rel) {
                    if (part.toString().equals(".creact") || part.toString().equals("out") || part.toString().equals("node_modules")
                            || part.toString().equals(".git") || part.toString().equals("target")) {
                        skip = true;
                    }
                }
                if (skip || rel.toString().isEmpty()) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a scratch folder left in the temp directory is harmless
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** A test file's snapshots: {@code __snapshots__/<file>.snap.json}, one value per test and position. */
    static final class SnapshotFile {
        private final Path path;
        private final boolean update;
        private final TreeMap<String, JsonNode> stored = new TreeMap<>();
        private final TreeMap<String, JsonNode> seen = new TreeMap<>();
        private boolean changed;

        SnapshotFile(Path testFile, boolean update) {
            this.path = testFile.resolveSibling("__snapshots__").resolve(testFile.getFileName() + ".snap.json");
            this.update = update;
            if (Files.exists(path)) {
                try {
                    Json.mapper().readTree(Files.readString(path)).properties().forEach(e -> stored.put(e.getKey(), e.getValue()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the snapshots " + path + ": " + e.getMessage(), e);
                }
            }
        }

        /** Null when every snapshot of the test matches (or was written); else what differs. */
        String check(String test, JsonNode snapshots) {
            int n = 0;
            for (JsonNode s : snapshots) {
                n++;
                String key = test + " " + (s.path("name").isTextual() ? s.path("name").asText() : Integer.toString(n));
                JsonNode value = s.path("value");
                seen.put(key, value);
                JsonNode old = stored.get(key);
                if (old == null || update) {
                    if (old == null || !old.equals(value)) {
                        stored.put(key, value);
                        changed = true;
                    }
                    continue;
                }
                if (!old.equals(value)) {
                    return "snapshot '" + key + "' differs: " + SnapshotDiff.describe(old, value)
                            + " (run `creact test --update-snapshots` if the change is intended)";
                }
            }
            return null;
        }

        void save() {
            if (!changed) {
                return;
            }
            try {
                Files.createDirectories(path.getParent());
                ObjectNode doc = Json.mapper().createObjectNode();
                stored.forEach(doc::set);
                Files.writeString(path, Json.writePretty(doc) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the snapshots " + path + ": " + e.getMessage(), e);
            }
        }

        /** For tests: the keys seen in this run. */
        Set<String> seen() {
            return new TreeSet<>(seen.keySet());
        }
    }
}
