package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * What a plugin is given to make its provider: the project folder, the plugin's settings from
 * {@code creact.config.*} ({@code "providers": {"<name>": {…}}}), already checked against the plugin's
 * declared settings, the stack the command is for, and the provider's {@link ResourceStore} in that stack's
 * backend, and what the engine offers nested apps ({@link ChildApps}: only the {@code app} provider uses it).
 * Credentials come from the environment or the SDK's own chain, never from here.
 */
public record ProviderContext(Path projectRoot, ObjectNode settings, String stack, ResourceStore store, ChildApps apps) {
    public ProviderContext(Path projectRoot, ObjectNode settings, String stack, ResourceStore store) {
        this(projectRoot, settings, stack, store, null);
    }

    public ProviderContext {
        apps = apps == null ? ChildApps.UNAVAILABLE : apps;
        settings = settings == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : settings.deepCopy();
        stack = stack == null ? "dev" : stack;
        store = store == null ? ResourceStore.inMemory() : store;
    }

    /** Settings only (tools and tests): stack {@code dev}, a store in memory. */
    public ProviderContext(Path projectRoot, ObjectNode settings) {
        this(projectRoot, settings, null, null);
    }
}
