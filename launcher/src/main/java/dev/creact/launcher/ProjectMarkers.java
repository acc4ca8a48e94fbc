package dev.creact.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which files belong to a creact project: those in a folder that has (or is below one that has, up to the
 * editor's project folder) an {@code infrastructure.tsx}, a {@code creact.config.json}/{@code .js}, or the
 * configured entry file. Editors start the server only for them.
 */
public final class ProjectMarkers {
    public static final Set<String> MARKERS = Set.of("infrastructure.tsx", "creact.config.json", "creact.config.js");

    private ProjectMarkers() {
    }

    /**
     * @param file        a file the editor opened
     * @param projectRoot the editor's project folder; the search stops there (or at the file system's root when
     *                    the file is outside it, or the root is unknown)
     * @param entry       the configured entry (a path relative to the project, or blank); its file name counts too
     */
    public static boolean belongsToCreactProject(Path file, Path projectRoot, String entry) {
        Set<String> names = markers(entry);
        Path root = projectRoot == null ? null : projectRoot.toAbsolutePath().normalize();
        Path start = file.toAbsolutePath().normalize().getParent();
        boolean inside = root != null && start != null && start.startsWith(root);
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (hasMarker(dir, names)) {
                return true;
            }
            if (inside && dir.equals(root)) {
                break;
            }
        }
        return false;
    }

    /** Whether the project folder itself has a marker (for menus used without an open file). */
    public static boolean isCreactProject(Path projectRoot, String entry) {
        return hasMarker(projectRoot.toAbsolutePath().normalize(), markers(entry));
    }

    private static Set<String> markers(String entry) {
        Set<String> names = new LinkedHashSet<>(MARKERS);
        Path entryName = entry == null || entry.isBlank() ? null : Path.of(entry).getFileName();
        if (entryName != null) {
            names.add(entryName.toString());
        }
        return names;
    }

    private static boolean hasMarker(Path dir, Set<String> names) {
        for (String name : names) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return true;
            }
        }
        return false;
    }
}
