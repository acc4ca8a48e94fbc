package dev.creact.engine.js;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Which files user code may read: files whose <em>real</em> path (every symbolic link resolved) is inside
 * the project root, and none under creact's own {@code .creact/} folder (state, journals, locks, ledgers).
 *
 * <p>The path's text is not enough: a link inside the project may point anywhere, and a link's target is
 * what the operating system opens. A refusal names the link, so the user knows which file to fix.
 */
public final class ProjectConfinement {
    /** The folder under the project root where creact keeps its state; never readable by user code. */
    public static final String STATE_FOLDER = ".creact";

    private final Path root;
    private final Path realRoot;

    public ProjectConfinement(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root; // a project folder that does not exist yet: nothing in it can be a link
        }
        this.realRoot = real;
    }

    public Path root() {
        return root;
    }

    /**
     * The real path of {@code file} (absolute, or relative to the root), if user code may read it.
     *
     * @throws AccessDeniedException with the reason (see {@link AccessDeniedException#getReason()})
     */
    public Path check(Path file) throws AccessDeniedException {
        Path abs = file.isAbsolute() ? file.normalize() : root.resolve(file).normalize();
        if (!abs.startsWith(root)) {
            throw denied(abs, "'" + abs + "' is outside the project root " + root
                    + "; user code may import only files inside the project");
        }
        if (inStateFolder(root.relativize(abs))) {
            throw denied(abs, "'" + relative(abs) + "' is inside " + STATE_FOLDER + "/, where creact keeps the stacks' "
                    + "state; user code may not read it");
        }
        Path real = realPath(abs);
        if (!real.startsWith(realRoot)) {
            throw denied(abs, linkDescription(abs) + " outside the project root " + root
                    + "; user code may import only files inside the project, and links are followed to check");
        }
        if (inStateFolder(realRoot.relativize(real))) {
            throw denied(abs, linkDescription(abs) + " inside " + STATE_FOLDER + "/, where creact keeps the stacks' "
                    + "state; user code may not read it");
        }
        return real;
    }

    /** Whether {@code file} may be read: {@link #check} without the reason. */
    public boolean allows(Path file) {
        try {
            check(file);
            return true;
        } catch (AccessDeniedException e) {
            return false;
        }
    }

    private static boolean inStateFolder(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals(STATE_FOLDER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The real path of an absolute, normalised path inside the root. A path that does not exist (an unsaved
     * editor buffer) is its nearest existing folder's real path plus the remaining names.
     */
    private Path realPath(Path abs) throws AccessDeniedException {
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(abs)).normalize();
        } catch (NoSuchFileException e) {
            throw denied(abs, linkDescription(abs) + "; its target does not exist");
        } catch (FileSystemException e) {
            throw denied(abs, "'" + relative(abs) + "' cannot be resolved ("
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ")");
        } catch (IOException e) {
            throw denied(abs, "'" + relative(abs) + "' cannot be resolved (" + e.getMessage() + ")");
        }
    }

    /** "'lib' is a symbolic link to /etc, so 'lib/passwd' is" — the first link on the way to {@code abs}. */
    private String linkDescription(Path abs) {
        Path walked = root;
        for (Path segment : root.relativize(abs)) {
            walked = walked.resolve(segment);
            if (Files.isSymbolicLink(walked)) {
                String target;
                try {
                    target = Files.readSymbolicLink(walked).toString();
                } catch (IOException e) {
                    target = "?";
                }
                String link = "'" + relative(walked) + "' is a symbolic link to " + target;
                return walked.equals(abs) ? link + ", which is" : link + ", so '" + relative(abs) + "' is";
            }
        }
        return "'" + relative(abs) + "' is";
    }

    private String relative(Path abs) {
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static AccessDeniedException denied(Path file, String reason) {
        return new AccessDeniedException(file.toString(), null, reason);
    }
}
