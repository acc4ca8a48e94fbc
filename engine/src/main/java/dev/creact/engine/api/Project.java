package dev.creact.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.backend.Backends;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.backend.StateCopy;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.model.Json;
import dev.creact.engine.deploy.DeployOptions;
import dev.creact.engine.deploy.RetryPolicy;
import dev.creact.engine.provider.DependencyContainer;
import dev.creact.engine.provider.ProviderPlugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * One project: its root folder, its configuration, its backend (open until {@link #close()}), its
 * provider plugins and its extensions. Stacks are taken from it by name.
 */
public final class Project implements AutoCloseable {
    private static final Pattern STACK_NAME = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,15}");

    private final CreactEngine engine;
    private final Path root;
    private final CreactConfig config;
    private final DependencyContainer container;
    private final Map<String, Stack> stacks = new ConcurrentHashMap<>();

    Project(CreactEngine engine, Path root, CreactConfig config, DependencyContainer container) {
        this.engine = engine;
        this.root = root;
        this.config = config;
        this.container = container;
    }

    public Path root() {
        return root;
    }

    /** The configuration file in effect, or null when the defaults are. */
    public Path configFile() {
        return config.source();
    }

    /**
     * The stack called {@code name} (the same object for the same name).
     *
     * @throws CreactException when the name is not a valid stack name
     */
    public Stack stack(String name) {
        if (name == null || !STACK_NAME.matcher(name).matches() || name.contains("..")) {
            throw new CreactException("invalid-stack", "invalid stack name '" + name
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters; a nested app's stack is <parent>/<app>)", null);
        }
        return stacks.computeIfAbsent(name, n -> new Stack(this, n));
    }

    /** The stacks the backend holds anything for, sorted. */
    public List<String> stacks() {
        return container.backend().stacks();
    }

    /** The stack used when none is named: the configuration's {@code defaultStack}, else {@code dev}. */
    public String defaultStack() {
        return config.defaultStack();
    }

    /**
     * Whether {@code name} exists: it was created with {@link #createStack}, or something was deployed to
     * it, or it is the default stack (which exists from the start).
     */
    public boolean hasStack(String name) {
        return name.equals(defaultStack()) || stacks().contains(name);
    }

    /**
     * Creates an empty stack ({@code creact stack init NAME}).
     *
     * @throws CreactException when it exists already or the name is invalid
     */
    public Stack createStack(String name) {
        var stack = stack(name);
        if (stacks().contains(name)) {
            throw new CreactException("stack-exists", "stack '" + name + "' exists already", "`creact stack list` shows the stacks");
        }
        container.backend().writeDocument(name, STACK_DOCUMENT, ("{\"createdAt\":\"" + java.time.Instant.now() + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return stack;
    }

    /**
     * Removes a stack and everything the backend holds for it ({@code creact stack rm NAME}). A stack whose
     * state still has resources is refused unless {@code force} (its resources are then forgotten, not deleted:
     * `creact destroy` first deletes them), and so is a locked one.
     */
    public void removeStack(String name, boolean force) {
        var stack = stack(name);
        if (!stacks().contains(name)) {
            throw new CreactException("unknown-stack", "no stack '" + name + "'" + dev.creact.engine.model.Suggestions.didYouMean(
                    name, stacks()), "`creact stack list` shows the stacks");
        }
        // --force reads no state: it is how a stack whose state is lost or damaged is started over.
        var state = force ? new StateView(null, List.of()) : stack.state();
        if (state.failed()) {
            throw new CreactException("state-unreadable", "the state of stack '" + name + "' cannot be read: "
                    + state.problems().getFirst().message(), "pass --force to remove the stack anyway");
        }
        int resources = state.cloudDom() == null ? 0 : state.cloudDom().size();
        if (resources > 0 && !force) {
            throw new CreactException("stack-not-empty", "stack '" + name + "' still manages " + resources + " resource"
                    + (resources == 1 ? "" : "s"), "run `creact destroy --stack " + name + "` to delete them first, or pass "
                    + "--force to forget them (they stay where they are)");
        }
        try (var lock = container.backend().lock(name, "creact stack rm " + name, java.time.Duration.ofSeconds(30))) {
            container.backend().deleteStack(name);
        } catch (dev.creact.engine.backend.LockHeldException e) {
            throw new CreactException("locked", e.getMessage(), null);
        }
        stacks.remove(name);
    }

    /** What `creact stack init` writes, so an empty stack exists. */
    static final String STACK_DOCUMENT = "stack.json";

    /** The providers, backend, extensions and settings this project runs with. */
    public ProjectInfo info() {
        var providers = new ArrayList<ProjectInfo.ProviderInfo>();
        for (ProviderPlugin p : container.plugins()) {
            var constructs = new LinkedHashMap<String, String>();
            p.constructs().forEach(c -> constructs.put(c.type(), c.exportName()));
            providers.add(new ProjectInfo.ProviderInfo(p.name(), p.description(), p.moduleSpecifier(), constructs,
                    new TreeSet<>(p.typePatterns()), new TreeSet<>(p.capabilities()), new java.util.TreeMap<>(p.settings())));
        }
        var extensions = new ArrayList<ProjectInfo.ExtensionInfo>();
        for (var e : engine.core().extensions(root, config, new AtomicReference<>())) {
            extensions.add(new ProjectInfo.ExtensionInfo(e.name(), new TreeSet<>(e.hooks())));
        }
        var d = config.deploy();
        return new ProjectInfo(root, config.source(), providers, container.backend().type(), container.backend().describe(),
                extensions, d.parallelism(), d.retry().maxRetries(), d.retry().delay().toMillis(), config.maxCycles());
    }

    /**
     * Copies every stack this project's backend holds (state with its serial, deployment record, journal,
     * documents, logs) into the backend {@code target} names, verifies each copy by reading it back, and
     * leaves this project's backend untouched ({@code creact state migrate --to}). {@code target} is a backend
     * as the configuration writes it: a type ({@code file}), a JSON object ({@code {"type": "postgres",
     * "url": …}}), or a JSON file holding either (a {@code creact.config.json} gives its {@code "backend"}).
     * The target opens against this project's root (so {@code file} is this project's {@code .creact}).
     *
     * @throws CreactException when the target cannot be opened, already holds one of the stacks, a stack is
     *                         locked, or a copy does not read back the same
     */
    public StateMigration migrateState(String target, String commandLine) {
        JsonNode spec = targetSpec(target);
        String type = spec.isTextual() ? spec.asText() : spec.path("type").asText("");
        StateBackend to;
        try {
            to = Backends.open(root, type, spec.isObject() ? spec : null, null);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CreactException("invalid-backend", "cannot open the target backend: " + e.getMessage(),
                    "give --to a backend as creact.config.json writes it, e.g. file or '{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://host/db\"}'");
        }
        try (to) {
            var from = container.backend();
            var copied = StateCopy.copy(from, to, commandLine);
            return new StateMigration(from.describe(), to.describe(), copied.stream().map(c -> new StateMigration.Stack(
                    c.stack(), c.serial(), c.resources(), c.deploymentRecord(), c.journalEntries(), c.documents(), c.logs()))
                    .toList());
        } catch (StateCopy.CopyException | dev.creact.engine.backend.LockHeldException e) {
            throw new CreactException("migration-refused", e.getMessage(), null);
        } catch (java.io.UncheckedIOException | IllegalArgumentException | UnsupportedOperationException
                 | dev.creact.engine.backend.StateCorruptException e) {
            throw new CreactException("migration-failed", e.getMessage(), "the source is untouched; what the target holds "
                    + "of the stacks may be incomplete: remove it there before trying again");
        }
    }

    private JsonNode targetSpec(String target) {
        String t = target == null ? "" : target.strip();
        try {
            if (t.startsWith("{")) {
                return Json.mapper().readTree(t);
            }
            Path file = root.resolve(t);
            if (!t.isEmpty() && java.nio.file.Files.isRegularFile(file)) {
                JsonNode doc = Json.mapper().readTree(java.nio.file.Files.readString(file));
                return doc.has("backend") ? doc.get("backend") : doc;
            }
        } catch (java.io.IOException e) {
            throw new CreactException("invalid-backend", "--to is not a backend: " + e.getMessage(),
                    "write it as JSON, e.g. '{\"type\": \"file\"}'");
        }
        if (!t.matches("[a-z][a-z0-9-]*")) {
            throw new CreactException("invalid-backend", "--to '" + t + "' is neither a backend type, a JSON object nor a file",
                    "e.g. --to file, or --to '{\"type\": \"postgres\", \"url\": \"jdbc:postgresql://host/db\"}'");
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(t);
    }

    /**
     * Starts a state sync server for this project (see {@link StateServer}).
     *
     * @throws CreactException when sync is turned off, the port is taken, or what is asked cannot be served
     */
    public StateServer serveState(StateServer.Options options, java.util.function.Consumer<String> warnings) {
        return StateServer.start(this, options, warnings);
    }

    /**
     * Runs the tests of the project's infrastructure code: every {@code *.test.tsx} / {@code *.test.ts} file,
     * in the sandbox, against the mock provider and an in-memory backend for deploy cycle checks.
     *
     * @param filter          only files or tests whose name contains it (null: all)
     * @param updateSnapshots rewrite the snapshots that differ
     */
    public TestReport test(String filter, boolean updateSnapshots, java.time.Duration timeLimitPerFile,
                           dev.creact.engine.model.CancellationToken token) {
        long start = System.nanoTime();
        var cases = engine.core().runTests(root, config, new dev.creact.engine.testing.TestRunner.Options(filter,
                updateSnapshots, timeLimitPerFile), token);
        var tests = cases.stream().map(c -> new TestReport.Test(c.file(), c.name(),
                c.status() == dev.creact.engine.testing.TestRunner.Status.PASSED, c.message(), c.location(), c.millis())).toList();
        return new TestReport(tests, (System.nanoTime() - start) / 1_000_000);
    }

    /** Lets go of the backend (connections, threads). */
    @Override
    public void close() {
        container.close();
    }

    // ------------------------------------------------------------------ for Stack

    CreactEngine engine() {
        return engine;
    }

    DependencyContainer container() {
        return container;
    }

    CreactConfig config() {
        return config;
    }

    /** The configuration with a command's overrides applied. */
    CreactConfig configFor(DeployInput input) {
        DeployOptions base = config.deploy();
        RetryPolicy retry = base.retry();
        boolean retryChanged = input.maxRetries() != null || input.retryDelay() != null;
        if (retryChanged) {
            retry = new RetryPolicy(input.maxRetries() != null ? input.maxRetries() : retry.maxRetries(),
                    input.retryDelay() != null ? input.retryDelay() : retry.delay(), retry.maxDelay());
        }
        try {
            var options = new DeployOptions(input.parallelism() != null ? input.parallelism() : base.parallelism(), retry,
                    retryChanged ? Map.of() : base.retryByProvider(), base.operationTimeout(),
                    input.lockTimeout() != null ? input.lockTimeout() : base.lockTimeout());
            return config.withDeploy(options);
        } catch (IllegalArgumentException e) {
            throw new CreactException("invalid-option", e.getMessage(), null);
        }
    }
}
