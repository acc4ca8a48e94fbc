package dev.creact.engine.providers.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.DeclarationLoader.Declaration;
import dev.creact.engine.provider.DeclarationLoader.Finding;
import dev.creact.engine.provider.DeclarationLoader.Loaded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The build-time check of a {@code CReactApp}: its {@code source} is a folder inside the project holding a
 * creact project ({@code infrastructure.tsx}), and not the project itself or a folder above it (an app
 * deploying itself is a cycle). It adds {@value #DIGEST_PROP}, a digest of the child's files, so an edit in a
 * child is an update of its app in the parent's plan, and only that app's. The digest is cached by the files'
 * stamps (path, size, modification time), so a keystroke in the parent reads no child file again.
 */
final class AppSources {
    static final String DIGEST_PROP = "sourceDigest";
    /** Entry files a child project may have, in the order creact looks for them. */
    static final List<String> ENTRIES = List.of("infrastructure.tsx", "infrastructure.ts", "infrastructure.jsx",
            "infrastructure.js");
    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String stamps, String digest) {
    }

    private AppSources() {
    }

    static Loaded load(Declaration d) {
        var source = d.props().path("source");
        if (!source.isTextual() || source.asText().isBlank()) {
            return Loaded.failed(new Finding("app-source", "CReactApp needs `source`: the child project's folder",
                    "write source=\"./apps/<name>\""));
        }
        if (source.asText().contains("${ref:")) {
            return Loaded.failed(new Finding("app-source", "the `source` of an app must be known when it is built, "
                    + "not an output of another resource", "write the folder as a plain string"));
        }
        Path root = d.projectRoot().toAbsolutePath().normalize();
        Path dir = root.resolve(source.asText()).normalize();
        if (!dir.startsWith(root)) {
            return Loaded.failed(new Finding("app-source", "the app's source " + source.asText()
                    + " is outside the project " + root, "keep child apps in folders of the project (apps/<name>)"));
        }
        if (dir.equals(root)) {
            return Loaded.failed(new Finding("app-cycle", "the app '" + d.id() + "' would deploy its own project "
                    + "(source " + source.asText() + "): a cycle " + root.getFileName() + " -> " + d.id() + " -> "
                    + root.getFileName(), "point source at a child project's folder"));
        }
        if (!Files.isDirectory(dir)) {
            return Loaded.failed(new Finding("app-source", "the app's source " + source.asText() + " is not a folder",
                    "create the child project there (creact init " + source.asText() + ")"));
        }
        if (ENTRIES.stream().noneMatch(e -> Files.isRegularFile(dir.resolve(e)))) {
            return Loaded.failed(new Finding("app-source", "the app's source " + source.asText()
                    + " has no infrastructure.tsx", "a child app is a creact project: creact init " + source.asText()));
        }
        try {
            var added = JsonNodeFactory.instance.objectNode();
            added.put(DIGEST_PROP, digest(dir));
            return new Loaded(added, List.of());
        } catch (IOException e) {
            return Loaded.failed(new Finding("app-source", "cannot read the app's source " + source.asText() + ": "
                    + e.getMessage(), null));
        }
    }

    /** A digest of the project's files (not its .creact folder, dependencies or hidden files). */
    static String digest(Path dir) throws IOException {
        var files = files(dir);
        var stamps = new StringBuilder();
        for (Path f : files) {
            var attrs = Files.readAttributes(f, BasicFileAttributes.class);
            stamps.append(dir.relativize(f)).append('\0').append(attrs.size()).append('\0')
                    .append(attrs.lastModifiedTime().toMillis()).append('\n');
        }
        var cached = CACHE.get(dir);
        if (cached != null && cached.stamps().contentEquals(stamps)) {
            return cached.digest();
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path f : files) {
            sha.update(dir.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(f));
            sha.update((byte) 0);
        }
        String digest = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        CACHE.put(dir, new Cached(stamps.toString(), digest));
        return digest;
    }

    private static List<Path> files(Path dir) throws IOException {
        var out = new ArrayList<Path>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                if (!d.equals(dir) && (name.startsWith(".") || name.equals("node_modules") || name.equals("out"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String name = f.getFileName().toString();
                if (attrs.isRegularFile() && !name.startsWith(".") && !name.endsWith(".ledger.json")) {
                    out.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }
}
