package dev.creact.providers.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digests the build adds to images ({@code contextDigest}), remembered by the files' stamps (path, size,
 * modification time): a build runs on every keystroke in the editor, and a context is read again only when
 * one of its files changed.
 */
final class ContextDigests {
    private record Cached(List<String> stamps, String digest) {
    }

    private final ConcurrentHashMap<Path, Cached> cache = new ConcurrentHashMap<>();

    /** The digest of the context {@code dir} built with {@code dockerfile}, as {@link BuildContext#digest}. */
    String ofFolder(Path dir, String dockerfile) throws IOException {
        var stamps = new ArrayList<String>();
        stamps.add("dockerfile=" + dockerfile);
        for (Path rel : BuildContext.files(dir, dockerfile)) {
            Path p = dir.resolve(rel);
            stamps.add(rel + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis());
        }
        Cached c = cache.get(dir);
        if (c != null && c.stamps.equals(stamps)) {
            return c.digest;
        }
        String digest = "sha256:" + BuildContext.digest(dir, dockerfile);
        cache.put(dir, new Cached(stamps, digest));
        return digest;
    }

    String ofFile(Path file) {
        try {
            var stamps = List.of(Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis());
            Cached c = cache.get(file);
            if (c != null && c.stamps.equals(stamps)) {
                return c.digest;
            }
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            String digest = "sha256:" + java.util.HexFormat.of().formatHex(sha.digest());
            cache.put(file, new Cached(stamps, digest));
            return digest;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
