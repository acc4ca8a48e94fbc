package dev.creact.engine.core;

import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CloudDom;

import java.nio.file.Path;
import java.util.Map;

/**
 * Inputs of one build: the project root, the entry module (relative to the root or absolute), the
 * stack, the previously deployed CloudDOM (outputs and component state come from it; may be null),
 * unsaved editor contents by absolute path, and sandbox limits (null for the defaults).
 */
public record BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous,
                           Map<Path, String> overlays, SandboxLimits limits) {

    public static BuildRequest of(Path projectRoot, Path entry, String stack) {
        return new BuildRequest(projectRoot, entry, stack, null, Map.of(), null);
    }

    public BuildRequest withPrevious(CloudDom dom) {
        return new BuildRequest(projectRoot, entry, stack, dom, overlays, limits);
    }

    public BuildRequest withOverlays(Map<Path, String> contents) {
        return new BuildRequest(projectRoot, entry, stack, previous, contents, limits);
    }

    public BuildRequest withLimits(SandboxLimits newLimits) {
        return new BuildRequest(projectRoot, entry, stack, previous, overlays, newLimits);
    }
}
