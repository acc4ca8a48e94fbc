package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a prop's relative path into an absolute one inside the project root. Anything that could
 * land outside (an absolute path, {@code ..}, or a symbolic link inside the project that points out of
 * it) is refused: a stack must not be able to write or delete files elsewhere on the machine.
 */
final class ProjectPaths {
    private ProjectPaths() {
    }

    /** {@code relative} resolved under the root; the root itself is refused (it is never a resource). */
    static Path resolve(ResourceRequest request, String prop, String relative) throws ProviderException {
        return resolve(request, prop, relative, false);
    }

    /** As {@link #resolve(ResourceRequest, String, String)}, but {@code "."} (the root itself) may be allowed. */
    static Path resolve(ResourceRequest request, String prop, String relative, boolean allowRoot) throws ProviderException {
        if (request.projectRoot() == null) {
            throw ProviderException.permanent("%s (%s): no project root was given, so '%s' cannot be resolved"
                    .formatted(request.id(), request.type(), relative));
        }
        Path root = request.projectRoot().toAbsolutePath().normalize();
        Path path;
        try {
            Path given = Path.of(relative);
            if (given.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
                throw escapes(request, prop, relative, "is absolute; give a path relative to the project root");
            }
            path = root.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw ProviderException.permanent("%s (%s): %s '%s' is not a valid path: %s"
                    .formatted(request.id(), request.type(), prop, relative, e.getReason()));
        }
        if (relative.isBlank() || !path.startsWith(root) || path.equals(root) && !allowRoot) {
            throw escapes(request, prop, relative, "is outside the project root " + root);
        }
        // Links are followed by the file system, so check where the deepest existing part really is.
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !existing.toRealPath().startsWith(root.toRealPath())) {
                throw escapes(request, prop, relative, "leads out of the project root through a symbolic link");
            }
        } catch (IOException e) {
            throw new ProviderException("%s (%s): cannot check %s '%s': %s"
                    .formatted(request.id(), request.type(), prop, relative, e), false, e);
        }
        return path;
    }

    private static ProviderException escapes(ResourceRequest request, String prop, String relative, String why) {
        return ProviderException.permanent("%s (%s): %s '%s' %s".formatted(request.id(), request.type(), prop, relative, why));
    }
}
