package dev.creact.engine.provider;

import java.util.Collection;
import java.util.List;

/**
 * The plugins a command on some resource types needs: those with a type pattern ({@link ProviderPlugin#typePatterns()})
 * matching one of the types, in their order. When a type matches no plugin's patterns, its provider can only be
 * found by the patterns the opened providers declare, so every plugin is needed.
 */
final class PluginsForTypes {
    private PluginsForTypes() {
    }

    static List<ProviderPlugin> choose(List<ProviderPlugin> plugins, Collection<String> types) {
        for (String type : types) {
            if (plugins.stream().noneMatch(p -> serves(p, type))) {
                return plugins;
            }
        }
        return plugins.stream().filter(p -> types.stream().anyMatch(t -> serves(p, t))).toList();
    }

    private static boolean serves(ProviderPlugin plugin, String type) {
        return plugin.typePatterns().stream().anyMatch(glob -> ProviderRouter.matches(glob, type));
    }
}
