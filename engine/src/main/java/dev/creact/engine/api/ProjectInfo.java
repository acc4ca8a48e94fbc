package dev.creact.engine.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a project runs with, for {@code creact info}: its providers, its backend, its extensions and the
 * configuration in effect.
 *
 * @param configFile the configuration file, or null for the defaults
 */
public record ProjectInfo(Path root, Path configFile, List<ProviderInfo> providers, String backendType,
                          String backend, List<ExtensionInfo> extensions, int parallelism, int maxRetries,
                          long retryDelayMs, int maxCycles) {

    /**
     * A provider plugin.
     *
     * @param module       the module its constructs are imported from
     * @param constructs   its construct types with the export names ({@code local:File} → {@code LocalFile})
     * @param typePatterns the construct types it handles, as router patterns
     * @param settings     the settings it accepts, each with what it means
     */
    public record ProviderInfo(String name, String description, String module, Map<String, String> constructs,
                               Set<String> typePatterns, Set<String> capabilities, Map<String, String> settings) {
    }

    /** An extension: its name and the hooks it implements. */
    public record ExtensionInfo(String name, Set<String> hooks) {
    }
}
