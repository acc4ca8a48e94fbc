package dev.creact.engine.api;

import dev.creact.engine.config.CreactConfig;
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
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

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
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters)", null);
        }
        return stacks.computeIfAbsent(name, n -> new Stack(this, n));
    }

    /** The stacks the backend holds anything for, sorted. */
    public List<String> stacks() {
        return container.backend().stacks();
    }

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
