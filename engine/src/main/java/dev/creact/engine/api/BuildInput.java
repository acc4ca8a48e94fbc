package dev.creact.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What to evaluate: the entry module (relative to the project root, or absolute), unsaved editor contents
 * by absolute path (they win over the files on disk), and the time limit for user code.
 */
public record BuildInput(Path entry, Map<Path, String> overlays, Duration evalTimeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public BuildInput {
        java.util.Objects.requireNonNull(entry, "entry");
        overlays = Map.copyOf(overlays == null ? Map.of() : overlays);
        evalTimeout = evalTimeout == null ? DEFAULT_TIMEOUT : evalTimeout;
    }

    public static BuildInput of(Path entry) {
        return new BuildInput(entry, Map.of(), DEFAULT_TIMEOUT);
    }

    public BuildInput withOverlays(Map<Path, String> contents) {
        return new BuildInput(entry, contents, evalTimeout);
    }

    public BuildInput withEvalTimeout(Duration timeout) {
        return new BuildInput(entry, overlays, timeout);
    }
}
