package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * What a plugin is given to make its provider: the project folder and the plugin's settings from
 * {@code creact.config.*} ({@code "providers": {"<name>": {…}}}), already checked against the plugin's
 * declared settings. Credentials come from the environment or the SDK's own chain, never from here.
 */
public record ProviderContext(Path projectRoot, ObjectNode settings) {
    public ProviderContext {
        settings = settings == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : settings.deepCopy();
    }
}
