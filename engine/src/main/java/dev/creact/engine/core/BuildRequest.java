package dev.creact.engine.core;

import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.render.RenderMemo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Inputs of one build: the project root, the entry module (relative to the root or absolute), the
 * stack, the previously deployed CloudDOM (outputs and component state come from it; may be null),
 * unsaved editor contents by absolute path, sandbox limits (null for the defaults), and the deployed
 * CloudDOMs of the project's other stacks (so a value only one stack may manage, such as a file's path, is
 * checked across them); for a nested app, its {@link AppLineage} (its parent's context and the apps above
 * it), null for a project deployed on its own; and the stack's secret versions by name (read from its store
 * without the key; a reference to a secret not among them is an error at the resource; null: not checked); and
 * the {@link RenderMemo} of a caller that builds the stack again and again (null: render everything).
 */
public record BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous,
                           Map<Path, String> overlays, SandboxLimits limits, Map<String, CloudDom> otherStacks,
                           AppLineage lineage, Map<String, String> secretVersions, RenderMemo memo) {

    public BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                        SandboxLimits limits, Map<String, CloudDom> otherStacks, AppLineage lineage,
                        Map<String, String> secretVersions) {
        this(projectRoot, entry, stack, previous, overlays, limits, otherStacks, lineage, secretVersions, null);
    }

    public BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                        SandboxLimits limits, Map<String, CloudDom> otherStacks, AppLineage lineage) {
        this(projectRoot, entry, stack, previous, overlays, limits, otherStacks, lineage, null);
    }

    public BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                        SandboxLimits limits, Map<String, CloudDom> otherStacks) {
        this(projectRoot, entry, stack, previous, overlays, limits, otherStacks, null, null);
    }

    public BuildRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                        SandboxLimits limits) {
        this(projectRoot, entry, stack, previous, overlays, limits, Map.of());
    }

    public BuildRequest {
        otherStacks = otherStacks == null ? Map.of() : Map.copyOf(otherStacks);
        secretVersions = secretVersions == null ? null : Map.copyOf(secretVersions);
    }

    public static BuildRequest of(Path projectRoot, Path entry, String stack) {
        return new BuildRequest(projectRoot, entry, stack, null, Map.of(), null);
    }

    public BuildRequest withPrevious(CloudDom dom) {
        return new BuildRequest(projectRoot, entry, stack, dom, overlays, limits, otherStacks, lineage, secretVersions, memo);
    }

    public BuildRequest withOverlays(Map<Path, String> contents) {
        return new BuildRequest(projectRoot, entry, stack, previous, contents, limits, otherStacks, lineage, secretVersions, memo);
    }

    public BuildRequest withLineage(AppLineage newLineage) {
        return new BuildRequest(projectRoot, entry, stack, previous, overlays, limits, otherStacks, newLineage, secretVersions, memo);
    }

    /** The context a parent app passes down, or null when the project runs on its own. */
    public com.fasterxml.jackson.databind.JsonNode appContext() {
        return lineage == null ? null : lineage.context();
    }

    /** The same request, checking secret references against {@code versions}. */
    public BuildRequest withSecretVersions(Map<String, String> versions) {
        return new BuildRequest(projectRoot, entry, stack, previous, overlays, limits, otherStacks, lineage, versions, memo);
    }

    public BuildRequest withLimits(SandboxLimits newLimits) {
        return new BuildRequest(projectRoot, entry, stack, previous, overlays, newLimits, otherStacks, lineage, secretVersions, memo);
    }

    /** The same request, rendering through {@code renderMemo} (null: everything). */
    public BuildRequest withMemo(RenderMemo renderMemo) {
        return new BuildRequest(projectRoot, entry, stack, previous, overlays, limits, otherStacks, lineage, secretVersions,
                renderMemo);
    }
}
