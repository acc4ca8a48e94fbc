package dev.creact.providers.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A build context folder as the Engine API's {@code /build} takes it: a tar (ustar) of its files, in
 * sorted order with fixed owners and times, so the same files make the same bytes, and the digest the
 * plan compares ({@link #digest}) changes exactly when a file's path, content or executable bit does.
 * Symbolic links are stored as links; {@code .git} is left out, and so is what the context's
 * {@code .dockerignore} excludes ({@link DockerIgnore}), from the tar and the digest alike: an edit to an
 * ignored file changes neither.
 */
final class BuildContext {
    private static final int BLOCK = 512;

    private BuildContext() {
    }

    /**
     * The context's files, relative, in the order they are archived: all but {@code .git} and what its
     * {@code .dockerignore} leaves out (the Dockerfile named {@code dockerfile} and the {@code .dockerignore}
     * are always in). An ignored folder is skipped whole unless an exception may bring back a file inside it.
     */
    static List<Path> files(Path dir, String dockerfile) throws IOException {
        DockerIgnore ignore = DockerIgnore.of(dir, dockerfile);
        var out = new ArrayList<Path>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path p, BasicFileAttributes attrs) {
                if (p.equals(dir)) {
                    return FileVisitResult.CONTINUE;
                }
                Path rel = dir.relativize(p);
                if (rel.startsWith(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String name = unixName(rel);
                if (ignore.excludes(name)) {
                    return ignore.mayKeepSomethingIn(name) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
                out.add(rel);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                Path rel = dir.relativize(p);
                if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !rel.startsWith(".git")
                        && !ignore.excludes(unixName(rel))) {
                    out.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    /** sha256 over every file's path, mode and content (what {@code /build} would see). */
    static String digest(Path dir, String dockerfile) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path rel : files(dir, dockerfile)) {
                Path p = dir.resolve(rel);
                sha.update(unixName(rel).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                if (Files.isSymbolicLink(p)) {
                    sha.update(("->" + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    sha.update(executable(p) ? (byte) 'x' : (byte) '-');
                    sha.update(Files.readAllBytes(p));
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the tar of {@code dir} (its {@link #files}) to {@code out}. */
    static void writeTar(Path dir, String dockerfile, OutputStream out) throws IOException {
        for (Path rel : files(dir, dockerfile)) {
            Path p = dir.resolve(rel);
            String name = unixName(rel);
            if (Files.isSymbolicLink(p)) {
                header(out, name, 0, 0777, '2', Files.readSymbolicLink(p).toString());
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                header(out, name + "/", 0, 0755, '5', "");
            } else {
                long size = Files.size(p);
                header(out, name, size, executable(p) ? 0755 : 0644, '0', "");
                try (var in = Files.newInputStream(p)) {
                    long copied = in.transferTo(out);
                    if (copied != size) {
                        throw new IOException(p + " changed while it was archived");
                    }
                }
                pad(out, size);
            }
        }
        out.write(new byte[BLOCK * 2]);
    }

    private static boolean executable(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static String unixName(Path rel) {
        return rel.toString().replace('\\', '/');
    }

    private static void header(OutputStream out, String name, long size, int mode, char kind, String link)
            throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] full = name.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String shortName = name;
        if (full.length > 100) {
            int cut = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            if (cut <= 0 || name.substring(cut + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                throw new IOException("build context path too long for a tar header: " + name);
            }
            prefix = name.substring(0, cut);
            shortName = name.substring(cut + 1);
        }
        put(h, 0, 100, shortName);
        put(h, 100, 8, octal(mode, 7));
        put(h, 108, 8, octal(0, 7));
        put(h, 116, 8, octal(0, 7));
        put(h, 124, 12, octal(size, 11));
        put(h, 136, 12, octal(0, 11));
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) kind;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 345, 155, prefix);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, octal(sum, 6) + "\0 ");
        out.write(h);
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static String octal(long value, int digits) {
        String s = Long.toOctalString(value);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] h, int at, int len, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }
}
