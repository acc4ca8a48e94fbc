package dev.creact.engine.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Files and folders only their owner can read: everything creact writes under {@code .creact/} (state,
 * journals, locks, deployment records, ledgers, an adapter's working folders and its tool's files) holds
 * resource outputs and sometimes secrets. Files are created 0600 and folders 0700 at creation (the mode is
 * an attribute of the create call, so there is no moment when another user could open them), never chmod-ed
 * after; external tools run with {@code umask 077} ({@link #umaskArgv}) so that what they create is private
 * too. On a file system without POSIX modes (Windows) the calls create files as usual.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    private static FileAttribute<?>[] fileAttrs() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] folderAttrs() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FOLDER)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and its missing parents 0700 (existing ones are left as they are). */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, folderAttrs());
    }

    /** Opens {@code file} with {@code options}; if the call creates it, it is created 0600. */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        return FileChannel.open(file, Set.of(options), fileAttrs());
    }

    /** Writes {@code bytes} to {@code file} (created 0600 when new, truncated otherwise). */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (var ch = open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    /** Writes {@code text} as UTF-8 (see {@link #write(Path, byte[])}). */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Creates {@code file} 0600, failing if it exists (for O_EXCL locks). */
    public static void writeNew(Path file, byte[] bytes) throws IOException {
        try (var ch = open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
    }

    /**
     * Replaces {@code file} with {@code bytes} as a private file that readers see whole or not at all: written to
     * a 0600 temporary file beside it, then moved into place (atomically where the file system can).
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", fileAttrs());
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code from} to {@code to} (replacing it) as a private file, whatever {@code from}'s mode. */
    public static void copy(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        write(to, Files.readAllBytes(from));
    }

    /**
     * Tightens folders made before creact created them private (a {@code .creact/} from an older version):
     * each of {@code dirs} that exists and that this user owns becomes 0700. Failures are ignored (a folder
     * of another user's stays as it is; its files are still created 0600).
     */
    public static void tighten(Path... dirs) {
        if (!POSIX) {
            return;
        }
        for (Path dir : dirs) {
            try {
                if (Files.isDirectory(dir) && !Files.getPosixFilePermissions(dir).equals(FOLDER)) {
                    Files.setPosixFilePermissions(dir, FOLDER);
                }
            } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
                // not ours to change
            }
        }
    }

    /**
     * {@code argv} run through {@code /bin/sh -c 'umask 077 && exec "$@"'}, so the tool (terraform, helm) and
     * what it starts create their files private; unchanged where there is no {@code /bin/sh} or no POSIX modes.
     */
    public static List<String> umaskArgv(List<String> argv) {
        if (!POSIX || !Files.isExecutable(Path.of("/bin/sh"))) {
            return argv;
        }
        var wrapped = new ArrayList<String>(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "creact-tool"));
        wrapped.addAll(argv);
        return wrapped;
    }
}
