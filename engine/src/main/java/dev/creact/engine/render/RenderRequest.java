package dev.creact.engine.render;

import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CloudDom;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to render: the project, its entry module, the stack, what was deployed before (outputs and
 * component state come from it), unsaved editor contents, the sandbox limits, and for a nested app the
 * context its parent passes down ({@code useAppContext}; null when the project runs on its own); and the
 * {@link RenderMemo} of a caller that renders the stack again and again (null: render everything).
 */
public record RenderRequest(Path projectRoot, Path entry, String stack, CloudDom previous,
                            Map<Path, String> overlays, SandboxLimits limits,
                            com.fasterxml.jackson.databind.JsonNode appContext, RenderMemo memo) {
    public RenderRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                         SandboxLimits limits) {
        this(projectRoot, entry, stack, previous, overlays, limits, null, null);
    }

    public RenderRequest(Path projectRoot, Path entry, String stack, CloudDom previous, Map<Path, String> overlays,
                         SandboxLimits limits, com.fasterxml.jackson.databind.JsonNode appContext) {
        this(projectRoot, entry, stack, previous, overlays, limits, appContext, null);
    }

    public RenderRequest {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        entry = projectRoot.resolve(entry).normalize();
        previous = previous == null ? CloudDom.empty(stack) : previous;
        overlays = overlays == null ? Map.of() : Map.copyOf(overlays);
        limits = limits == null ? SandboxLimits.DEFAULT : limits;
    }

    /** A path as users see it: relative to the project root, with '/' separators. */
    public String relative(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(projectRoot)) {
            return projectRoot.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }
}
