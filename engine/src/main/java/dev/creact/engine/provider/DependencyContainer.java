package dev.creact.engine.provider;

import dev.creact.engine.backend.Backends;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.config.CreactConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a project runs with, made from its configuration: its state backend (open for the life of the
 * project), its provider plugins (whose providers are opened for one command and closed after it), and
 * its extensions. Nothing else constructs providers or backends.
 */
public final class DependencyContainer implements AutoCloseable {
    private final Path projectRoot;
    private final CreactConfig config;
    private final StateBackend backend;
    private final List<Extension> extensions;
    private final List<ProviderPlugin> plugins;

    public DependencyContainer(Path projectRoot, CreactConfig config, StateBackend backend, List<Extension> extensions) {
        this(projectRoot, config, backend, extensions, List.copyOf(ProviderPlugins.found().plugins().values()));
    }

    private DependencyContainer(Path projectRoot, CreactConfig config, StateBackend backend, List<Extension> extensions,
                                List<ProviderPlugin> plugins) {
        this.projectRoot = projectRoot;
        this.config = config;
        this.backend = backend;
        this.extensions = List.copyOf(extensions);
        this.plugins = List.copyOf(plugins);
    }

    /**
     * The backend the configuration names, the provider plugins on the class path and those the configuration
     * makes (external providers, {@link ProviderPluginSource}). A configuration that
     * names an unknown backend, an unknown provider or an unknown setting is an {@link IllegalArgumentException}
     * with a suggestion, found here, before anything runs.
     */
    public static DependencyContainer open(Path projectRoot, CreactConfig config, List<Extension> extensions) {
        var plugins = ProviderPlugins.forProject(projectRoot, config.providers());
        ProviderPlugins.checkSettings(plugins, config.providers());
        var backend = Backends.open(projectRoot, config.backend(), config.backendSettings());
        return new DependencyContainer(projectRoot, config, backend, extensions, plugins);
    }

    /** The same backend and providers with other extensions (they are loaded per command). */
    public DependencyContainer withExtensions(List<Extension> more) {
        return new DependencyContainer(projectRoot, config, backend, more, plugins);
    }

    /** The class path's plugins, then those the configuration made (external providers). */
    public Collection<ProviderPlugin> plugins() {
        return plugins;
    }

    public StateBackend backend() {
        return backend;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    /** Providers opened for one command, behind a router; closing this closes them. */
    public static final class OpenProviders implements AutoCloseable {
        private final List<Provider> providers;
        private final ProviderRouter router;

        OpenProviders(List<Provider> providers) {
            this.providers = List.copyOf(providers);
            this.router = new ProviderRouter(this.providers);
        }

        public ProviderRouter router() {
            return router;
        }

        public List<Provider> providers() {
            return providers;
        }

        @Override
        public void close() {
            RuntimeException first = null;
            for (Provider p : providers) {
                try {
                    p.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                System.err.println("creact: a provider did not close cleanly: " + first.getMessage());
            }
        }
    }

    /** Opens every plugin's provider with its settings, for stack {@code dev}. */
    public OpenProviders openProviders() {
        return openProviders("dev");
    }

    /**
     * Opens every plugin's provider with its settings for a command on {@code stack}; each gets its
     * {@link ResourceStore} in that stack's backend.
     */
    public OpenProviders openProviders(String stack) {
        return openProviders(stack, ChildApps.UNAVAILABLE);
    }

    /** As {@link #openProviders(String)}, with what the engine offers nested apps for that stack. */
    public OpenProviders openProviders(String stack, ChildApps apps) {
        return new OpenProviders(new ArrayList<>(ProviderPlugins.open(plugins, projectRoot, config.providers(), stack,
                plugin -> new BackendResourceStore(backend, stack, plugin), apps)));
    }

    /**
     * As {@link #openProviders(String, ChildApps)}, but only the providers of the plugins whose type patterns
     * match one of {@code types} ({@link PluginsForTypes}): showing a plan of mock resources does not start
     * the AWS, Docker or Kubernetes clients (a fifth of a cold {@code creact plan} of 10 resources). Every
     * plugin is opened when a type matches none of their patterns, so routing never differs from the full set.
     */
    public OpenProviders openProvidersFor(String stack, ChildApps apps, Collection<String> types) {
        var chosen = PluginsForTypes.choose(plugins, types);
        if (chosen.size() == plugins.size()) {
            return openProviders(stack, apps);
        }
        ProviderPlugins.checkSettings(plugins, config.providers());
        var settings = new java.util.LinkedHashMap<>(config.providers());
        settings.keySet().removeIf(name -> chosen.stream().noneMatch(p -> p.name().equals(name)));
        return new OpenProviders(new ArrayList<>(ProviderPlugins.open(chosen, projectRoot, settings, stack,
                plugin -> new BackendResourceStore(backend, stack, plugin), apps)));
    }

    /** The project folder these providers work in. */
    public Path projectRoot() {
        return projectRoot;
    }

    /** Closes the backend. */
    @Override
    public void close() {
        backend.close();
    }
}
