package dev.creact.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What to evaluate: the entry module (relative to the project root, or absolute), unsaved editor contents
 * by absolute path (they win over the files on disk), the time limit for user code, and for a caller that builds
 * the stack again and again (the language server, {@code creact dev}) the {@link RenderCache} that lets each build
 * render only what changed (null: render everything).
 */
public record BuildInput(Path entry, Map<Path, String> overlays, Duration evalTimeout, RenderCache cache) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public BuildInput(Path entry, Map<Path, String> overlays, Duration evalTimeout) {
        this(entry, overlays, evalTimeout, null);
    }

    public BuildInput {
        java.util.Objects.requireNonNull(entry, "entry");
        overlays = Map.copyOf(overlays == null ? Map.of() : overlays);
        evalTimeout = evalTimeout == null ? DEFAULT_TIMEOUT : evalTimeout;
    }

    public static BuildInput of(Path entry) {
        return new BuildInput(entry, Map.of(), DEFAULT_TIMEOUT);
    }

    public BuildInput withOverlays(Map<Path, String> contents) {
        return new BuildInput(entry, contents, evalTimeout, cache);
    }

    public BuildInput withEvalTimeout(Duration timeout) {
        return new BuildInput(entry, overlays, timeout, cache);
    }

    /** The same input, rendering through {@code renderCache} (null: everything). */
    public BuildInput withCache(RenderCache renderCache) {
        return new BuildInput(entry, overlays, evalTimeout, renderCache);
    }
}
