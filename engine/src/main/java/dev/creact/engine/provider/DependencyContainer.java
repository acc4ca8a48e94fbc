package dev.creact.engine.provider;

import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.providers.local.LocalProvider;
import dev.creact.engine.providers.mock.MockProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a project runs with: its providers (behind a router), its state backend and its extensions, made
 * from its configuration. Commands and the language server ask this for them; nothing else constructs
 * providers or backends.
 */
public final class DependencyContainer {
    private final List<Provider> providers;
    private final ProviderRouter router;
    private final StateBackend backend;
    private final List<Extension> extensions;

    public DependencyContainer(List<Provider> providers, StateBackend backend, List<Extension> extensions) {
        this.providers = List.copyOf(providers);
        this.router = new ProviderRouter(this.providers);
        this.backend = backend;
        this.extensions = List.copyOf(extensions);
    }

    /** The built-in providers and the file backend, set up from the project's configuration. */
    public static DependencyContainer standard(Path projectRoot, CreactConfig config, List<Extension> extensions) {
        var providers = new ArrayList<Provider>();
        providers.add(new LocalProvider());
        var mock = config.providers().get("mock");
        String ledger = mock == null ? ".creact/mock-ledger.jsonl" : mock.path("ledger").asText(".creact/mock-ledger.jsonl");
        providers.add(new MockProvider(projectRoot.resolve(ledger)));
        return new DependencyContainer(providers, new FileStateBackend(projectRoot), extensions);
    }

    public List<Provider> providers() {
        return providers;
    }

    public ProviderRouter router() {
        return router;
    }

    public StateBackend backend() {
        return backend;
    }

    public List<Extension> extensions() {
        return extensions;
    }
}
