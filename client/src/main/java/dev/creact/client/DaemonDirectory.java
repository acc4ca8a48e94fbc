package dev.creact.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The per-user folder of the daemons' sockets, tokens and logs: {@code CREACT_DAEMON_DIR}, else
 * {@code $XDG_RUNTIME_DIR/creact} (a per-user tmpfs the system empties at logout), else {@code ~/.creact/daemon}.
 * It is made 0700 and tightened if looser, so no other user can reach a socket (0600) or read a token (0600).
 */
public record DaemonDirectory(Path path) {
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    public static DaemonDirectory of(Map<String, String> env) {
        String explicit = env.get("CREACT_DAEMON_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new DaemonDirectory(Path.of(explicit).toAbsolutePath());
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return new DaemonDirectory(Path.of(runtime, "creact"));
        }
        return new DaemonDirectory(Path.of(System.getProperty("user.home"), ".creact", "daemon"));
    }

    /** Creates the folder (owner only) when missing and tightens it when it is not. */
    public DaemonDirectory ensure() throws IOException {
        if (!Files.isDirectory(path)) {
            Files.createDirectories(path.getParent());
            try {
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another client made it first
            }
        }
        if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY_DIR)) {
            Files.setPosixFilePermissions(path, OWNER_ONLY_DIR);
        }
        return this;
    }

    public Path socket(DaemonKey key) {
        return path.resolve(key.name() + ".sock");
    }

    public Path token(DaemonKey key) {
        return path.resolve(key.name() + ".token");
    }

    public Path log(DaemonKey key) {
        return path.resolve(key.name() + ".log");
    }

    /** Held by the one client that starts the daemon of a key, so two clients never start two. */
    public Path startLock(DaemonKey key) {
        return path.resolve(key.name() + ".lock");
    }

    /** Writes a file only the owner can read, atomically (written aside, then moved into place). */
    public static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
