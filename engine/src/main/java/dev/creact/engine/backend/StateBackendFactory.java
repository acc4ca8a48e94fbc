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
     * stands in for the configuration's backend); the factory reads the variable itself in {@link #open}.
     */
    default boolean accepts(String url) {
        return false;
    }

    /**
     * Opens the backend of the project at {@code projectRoot} with its {@code settings} (the backend object
     * of the configuration, already checked against {@link #settings()}).
     */
    StateBackend open(Path projectRoot, JsonNode settings);
}
