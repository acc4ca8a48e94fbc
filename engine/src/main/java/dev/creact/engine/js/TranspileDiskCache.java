package dev.creact.engine.js;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Transpiled modules kept on disk between processes, in the project's {@code .creact/cache/transpile/} (mode
 * 0700), one file per module named by the hash of its path, its text and the swc version: a command whose
 * sources did not change since the last one reads its JavaScript back and never loads swc's native library
 * (a few hundred milliseconds of CPU on a cold start). At most {@link #MAX_ENTRIES} files are kept; the ones
 * read or written longest ago go first. Anything wrong with the folder (read-only project, a damaged file) is
 * a miss, never an error: the transpiler then does the work itself.
 */
final class TranspileDiskCache {
    static final int MAX_ENTRIES = 256;
    /** Changes when the entry layout or what the transpiler emits for the same input changes (swc, the call-site pass). */
    private static String format() {
        return "creact-transpile 1 swc4j " + SwcNativeLibrary.VERSION + " " + CallSites.stamp();
    }

    private final Path dir;

    private TranspileDiskCache(Path dir) {
        this.dir = dir;
    }

    /** The cache of the project at {@code projectRoot}. */
    static TranspileDiskCache under(Path projectRoot) {
        return new TranspileDiskCache(projectRoot.resolve(".creact").resolve("cache").resolve("transpile"));
    }

    Path folder() {
        return dir;
    }

    /** The key of {@code source}, the text of {@code file}. */
    static String key(Path file, String source) {
        return Transpiler.hash(format() + "\u0000" + file + "\u0000" + source);
    }

    /** Whether a module is kept for this text of {@code file} (without reading it). */
    boolean has(Path file, String source) {
        return Files.isRegularFile(dir.resolve(key(file, source)));
    }

    /** The module kept for this text of {@code file}, if any. */
    Optional<TranspiledModule> read(Path file, String source) {
        Path entry = dir.resolve(key(file, source));
        try {
            byte[] bytes = Files.readAllBytes(entry);
            var in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (!format().equals(in.readUTF())) {
                return Optional.empty();
            }
            String code = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            boolean mapped = in.readBoolean();
            String mappings = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            touch(entry);
            return Optional.of(new TranspiledModule(file.toString(), source, code,
                    mapped ? SourceMap.decode(mappings) : SourceMap.identity()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps {@code code} and its source map's {@code mappings} (null: none) for this text of {@code file}. */
    void write(Path file, String source, String code, String mappings) {
        try {
            createFolder();
            var bytes = new ByteArrayOutputStream(code.length() + 256);
            var out = new DataOutputStream(bytes);
            out.writeUTF(format());
            byte[] codeBytes = code.getBytes(StandardCharsets.UTF_8);
            out.writeInt(codeBytes.length);
            out.write(codeBytes);
            out.writeBoolean(mappings != null);
            byte[] mapBytes = (mappings == null ? "" : mappings).getBytes(StandardCharsets.UTF_8);
            out.writeInt(mapBytes.length);
            out.write(mapBytes);
            out.flush();
            dev.creact.engine.security.PrivateFiles.writeAtomically(dir.resolve(key(file, source)), bytes.toByteArray());
            trim();
        } catch (IOException | RuntimeException e) {
            // Not kept: the next process transpiles again.
        }
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            dev.creact.engine.security.PrivateFiles.createDirectories(dir);
        }
    }

    /** Removes the entries used longest ago beyond {@link #MAX_ENTRIES}. */
    private void trim() throws IOException {
        var entries = new ArrayList<Path>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(entries::add);
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        List<Path> byAge = new ArrayList<>(entries);
        byAge.sort(Comparator.comparing(TranspileDiskCache::lastModified));
        for (Path old : byAge.subList(0, byAge.size() - MAX_ENTRIES)) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // only the eviction order suffers
        }
    }
}
