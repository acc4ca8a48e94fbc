package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Suggestions;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The backend plugins on the class path, by type, and opening the one a configuration names. */
public final class Backends {
    private static volatile Map<String, StateBackendFactory> factories;

    private Backends() {
    }

    /** Every backend factory found, by type (sorted). */
    public static Map<String, StateBackendFactory> factories() {
        var found = factories;
        if (found == null) {
            var map = new TreeMap<String, StateBackendFactory>();
            for (StateBackendFactory f : ServiceLoader.load(StateBackendFactory.class, Backends.class.getClassLoader())) {
                map.putIfAbsent(f.type(), f);
            }
            factories = found = Map.copyOf(map);
        }
        return found;
    }

    /**
     * Opens the backend of type {@code type} with {@code settings}; an unknown type or setting is an
     * {@link IllegalArgumentException} that names what is known.
     */
    public static StateBackend open(Path projectRoot, String type, JsonNode settings) {
        var factory = factories().get(type);
        if (factory == null) {
            throw new IllegalArgumentException("backend type '" + type + "' is not available"
                    + Suggestions.didYouMean(type, factories().keySet()) + "; the backends are "
                    + String.join(", ", new TreeSet<>(factories().keySet())));
        }
        if (settings != null) {
            var allowed = new TreeSet<>(factory.settings());
            allowed.add("type");
            settings.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException("unknown setting '" + name + "' of the " + type + " backend"
                            + Suggestions.didYouMean(name, allowed) + "; its settings are " + String.join(", ", allowed));
                }
            });
        }
        return factory.open(projectRoot, settings);
    }
}
