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
        return open(projectRoot, type, settings, System.getenv(URL_VARIABLE));
    }

    /** The environment variable that, when set, names the backend by URL in place of the configuration's. */
    public static final String URL_VARIABLE = "CREACT_BACKEND_URL";

    /**
     * As {@link #open(Path, String, JsonNode)}, with {@code url} the value of {@code CREACT_BACKEND_URL} (or
     * null): when given, the backend whose factory accepts it is opened instead of the configured one (with
     * the configured settings if it is the same type).
     */
    public static StateBackend open(Path projectRoot, String type, JsonNode settings, String url) {
        String named = url == null || url.isBlank() ? null : url.strip();
        if (named != null) {
            var byUrl = factories().values().stream().filter(f -> f.accepts(named)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(URL_VARIABLE + " names no backend this creact has (it must start with "
                            + "jdbc:postgresql:// or postgres://); unset it to use the configured backend"));
            if (!byUrl.type().equals(type)) {
                type = byUrl.type();
                settings = null;
            }
        }
        var factory = factories().get(type);
        if (factory == null) {
            throw new IllegalArgumentException("backend type '" + type + "' is not available"
                    + Suggestions.didYouMean(type, factories().keySet()) + "; the backends are "
                    + String.join(", ", new TreeSet<>(factories().keySet())));
        }
        if (settings != null) {
            var allowed = new TreeSet<>(factory.settings());
            allowed.add("type");
            String chosen = type;
            settings.fieldNames().forEachRemaining(name -> {
                if (!allowed.contains(name)) {
                    throw new IllegalArgumentException("unknown setting '" + name + "' of the " + chosen + " backend"
                            + Suggestions.didYouMean(name, allowed) + "; its settings are " + String.join(", ", allowed));
                }
            });
        }
        return named != null ? factory.open(projectRoot, settings, named) : factory.open(projectRoot, settings);
    }
}
