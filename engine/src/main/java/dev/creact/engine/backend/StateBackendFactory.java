package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Set;

/**
 * Makes a {@link StateBackend} from the configuration; found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.creact.engine.backend.StateBackendFactory}), so a backend is added by
 * putting its jar on the class path.
 */
public interface StateBackendFactory {
    /** The {@code "type"} it answers to in {@code "backend": {"type": …}}. */
    String type();

    /** The settings it accepts besides {@code type} (an unknown one is an error with a suggestion). */
    Set<String> settings();

    /**
     * Whether this is the backend that {@code url} names when {@code CREACT_BACKEND_URL} is set (which then
     * stands in for the configuration's backend).
     */
    default boolean accepts(String url) {
        return false;
    }

    /**
     * Opens the backend {@code url} names ({@code CREACT_BACKEND_URL}, one that {@link #accepts}), with the
     * configuration's other settings of this type ({@code settings}, may be null). By default: the settings
     * with {@code "url"} set to it.
     */
    default StateBackend open(Path projectRoot, JsonNode settings, String url) {
        var withUrl = settings instanceof com.fasterxml.jackson.databind.node.ObjectNode o ? o.deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", type());
        withUrl.put("url", url);
        return open(projectRoot, withUrl);
    }

    /**
     * Opens the backend of the project at {@code projectRoot} with its {@code settings} (the backend object
     * of the configuration, already checked against {@link #settings()}).
     */
    StateBackend open(Path projectRoot, JsonNode settings);
}
