package dev.creact.engine.js;

import com.caoccao.javet.swc4j.Swc4jLibLoader;
import com.caoccao.javet.swc4j.interfaces.ISwc4jLibLoadingListener;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where swc4j's native library is loaded from. Left alone, swc4j unpacks its 18 MB library into a new
 * folder under /tmp on every start and never removes it; creact unpacks it once per version into a cache
 * folder ({@code $XDG_CACHE_HOME/creact/native}, else {@code ~/.cache/creact/native}), atomically, so
 * concurrent processes never load a half-written file.
 */
public final class SwcNativeLibrary {
    static final String VERSION = "2.0.0";
    private static volatile boolean configured;

    private SwcNativeLibrary() {
    }

    /** Points swc4j at the cached library (unpacking it first if needed); the benchmarks call swc4j directly. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return; // swc4j's own loader handles other platforms
        }
        String name = "libswc4j-linux-x86_64.v." + VERSION + ".so";
        try (InputStream in = Swc4jLibLoader.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                return;
            }
            Path dir = cacheDir();
            Files.createDirectories(dir);
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                try {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    try {
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            File folder = dir.toFile();
            Swc4jLibLoader.setLibLoadingListener(new ISwc4jLibLoadingListener() {
                @Override
                public File getLibPath() {
                    return folder;
                }

                @Override
                public boolean isDeploy() {
                    return false;
                }
            });
        } catch (IOException | UnsupportedOperationException e) {
            // Fall back to swc4j's own unpacking.
        }
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home", System.getProperty("java.io.tmpdir")), ".cache");
        return base.resolve("creact").resolve("native");
    }
}
