package dev.creact.engine.api;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule, shared by the CLI and the language server, for which folder is a project's root (where
 * {@code .creact/} lives): from the starting folder upward (no higher than {@code boundary} when one is
 * given), the nearest folder with a {@code creact.config.json}, {@code .ts} or {@code .js}; failing that,
 * the nearest with an {@code infrastructure.tsx}; failing that, the starting folder.
 */
public final class ProjectRoots {
    public static final String ENTRY = "infrastructure.tsx";
    private static final String[] CONFIGS = {"creact.config.json", "creact.config.ts", "creact.config.js"};

    private ProjectRoots() {
    }

    /** The root for {@code start} (a folder, or a file whose folder is meant). */
    public static Path find(Path start, Path boundary) {
        Path from = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(from)) {
            from = from.getParent();
        }
        Path limit = boundary == null ? null : boundary.toAbsolutePath().normalize();
        boolean inside = limit == null || from.startsWith(limit);
        Path withEntry = null;
        for (Path d = from; d != null; d = d.getParent()) {
            if (hasConfig(d)) {
                return d;
            }
            if (withEntry == null && Files.exists(d.resolve(ENTRY))) {
                withEntry = d;
            }
            if (inside && d.equals(limit)) {
                break;
            }
        }
        return withEntry != null ? withEntry : from;
    }

    public static Path find(Path start) {
        return find(start, null);
    }

    /** Whether {@code dir} holds a creact configuration file. */
    public static boolean hasConfig(Path dir) {
        for (String c : CONFIGS) {
            if (Files.exists(dir.resolve(c))) {
                return true;
            }
        }
        return false;
    }
}
