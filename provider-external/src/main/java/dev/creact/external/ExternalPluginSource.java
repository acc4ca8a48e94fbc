package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.provider.ProviderPluginSource;

import java.nio.file.Path;

/**
 * Makes a plugin of every {@code providers} entry with a {@code "command"}: the program is asked to
 * {@code describe} itself (answers cached, {@link DescribeCache}), and the plugin offers what it described.
 */
public final class ExternalPluginSource implements ProviderPluginSource {
    @Override
    public boolean claims(String name, JsonNode entry) {
        return entry != null && entry.isObject() && entry.has(ExternalProviderSpec.COMMAND);
    }

    @Override
    public ProviderPlugin plugin(Path projectRoot, String name, ObjectNode entry) {
        var spec = ExternalProviderSpec.parse(projectRoot, name, entry);
        var description = Description.parse(spec.label(), name, DescribeCache.describe(spec));
        return new ExternalPlugin(spec, description);
    }
}
