package dev.creact.engine.js;

import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only file access user code has: GraalJS's module loader reads through this, and it serves
 * <ul>
 *   <li>the built-in modules ({@code creact}, {@code creact/local}, ...) from virtual paths;</li>
 *   <li>files inside the project root, read-only: TypeScript and JSX transpiled on the way, JSON files
 *       as modules whose default export is the parsed value;</li>
 *   <li>unsaved editor contents (overlays) in place of the files on disk.</li>
 * </ul>
 * Relative imports resolve with or without extension ({@code .tsx}, {@code .ts}, {@code .jsx},
 * {@code .js}, {@code .mjs}, {@code .json}) and to {@code index.*} in folders. Anything outside the root,
 * any write and any other bare specifier is refused.
 *
 * <p>One instance per evaluation: it records which modules were loaded, for source mapping and for
 * the language server's "which entries import this file".
 */
public final class ProjectFileSystem implements FileSystem {
    /**
     * GraalJS treats a file named *.json as a JSON module that must be imported with
     * {@code with { type: "json" }}; creact lets users import JSON plainly, so a JSON file is served
     * under this suffix as a JavaScript module whose default export is the value.
     */
    static final String JSON_MODULE_SUFFIX = ".__json.mjs";
    private static final List<String> EXTENSIONS = List.of(".tsx", ".ts", ".jsx", ".js", ".mjs", ".json");

    private final Path root;
    private final Map<Path, String> overlays;
    private final Transpiler transpiler;
    private final Map<Path, TranspiledModule> loaded = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> unresolved = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Path, byte[]> served = new HashMap<>();
    private volatile JsSyntaxException syntaxError;

    public ProjectFileSystem(Path root, Map<Path, String> overlays, Transpiler transpiler) {
        this.root = root.toAbsolutePath().normalize();
        this.overlays = overlays == null ? Map.of() : Map.copyOf(overlays);
        this.transpiler = transpiler;
    }

    public Path root() {
        return root;
    }

    /** Modules loaded so far (user files only), by absolute path. */
    public Map<Path, TranspiledModule> loadedModules() {
        synchronized (loaded) {
            return Map.copyOf(loaded);
        }
    }

    /** The first syntax error met while loading modules, or null. */
    public JsSyntaxException syntaxError() {
        return syntaxError;
    }

    /** Specifiers that did not resolve, with the reason. */
    public Map<String, String> unresolvedImports() {
        synchronized (unresolved) {
            return new LinkedHashMap<>(unresolved);
        }
    }

    @Override
    public Path parsePath(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            unresolved.put(uri.toString(), "only files inside the project can be imported");
            throw new UnsupportedOperationException("creact imports only project files, not " + uri);
        }
        return Path.of(uri).normalize();
    }

    @Override
    public Path parsePath(String path) {
        if (BuiltinModules.isSpecifier(path)) {
            return BuiltinModules.pathOf(path);
        }
        if (path.startsWith("creact/") || path.equals("creact")) {
            unresolved.put(path, "no such built-in module; built-in modules are "
                    + String.join(", ", BuiltinModules.specifiers()));
        }
        return Path.of(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(path.toString(), null, "user code cannot write or execute files");
        }
        if (BuiltinModules.isBuiltinPath(path) || path.equals(root) || path.equals(Path.of("/"))) {
            return;
        }
        Path abs = absolute(path);
        if (Files.isDirectory(abs) && abs.startsWith(root)) {
            return;
        }
        resolveFile(abs);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "user code cannot write files");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "user code cannot delete files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        for (var o : options) {
            if (o != StandardOpenOption.READ) {
                throw new AccessDeniedException(path.toString(), null, "user code cannot write files");
            }
        }
        return new ReadOnlyChannel(contentOf(path));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "user code cannot list folders");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return absolute(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        if (BuiltinModules.isBuiltinPath(path)) {
            return path;
        }
        return resolveFile(absolute(path));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        boolean dir;
        long size;
        if (BuiltinModules.isBuiltinPath(path)) {
            dir = false;
            size = contentOf(path).length;
        } else {
            Path abs = absolute(path);
            dir = Files.isDirectory(abs) && abs.startsWith(root);
            size = dir ? 0 : contentOf(path).length;
        }
        var attrs = new HashMap<String, Object>();
        FileTime epoch = FileTime.fromMillis(0);
        attrs.put("isDirectory", dir);
        attrs.put("isRegularFile", !dir);
        attrs.put("isSymbolicLink", false);
        attrs.put("isOther", false);
        attrs.put("size", size);
        attrs.put("lastModifiedTime", epoch);
        attrs.put("lastAccessTime", epoch);
        attrs.put("creationTime", epoch);
        attrs.put("fileKey", null);
        return attrs;
    }

    private Path absolute(Path path) {
        return path.isAbsolute() ? path.normalize() : root.resolve(path).normalize();
    }

    /** The file a module path names: itself, or with one of the extensions, or its folder's index. */
    Path resolveFile(Path abs) throws IOException {
        Path found = resolveOriginal(abs);
        return found.getFileName().toString().endsWith(".json")
                ? found.resolveSibling(found.getFileName() + JSON_MODULE_SUFFIX) : found;
    }

    private static Path original(Path served) {
        String name = served.getFileName().toString();
        return name.endsWith(JSON_MODULE_SUFFIX)
                ? served.resolveSibling(name.substring(0, name.length() - JSON_MODULE_SUFFIX.length())) : served;
    }

    private Path resolveOriginal(Path requested) throws IOException {
        Path abs = original(requested);
        if (!abs.startsWith(root)) {
            String reason = "'" + abs + "' is outside the project root " + root
                    + "; user code may import only files inside the project";
            unresolved.put(abs.toString(), reason);
            throw new AccessDeniedException(abs.toString(), null, reason);
        }
        if (isFile(abs)) {
            return abs;
        }
        for (String ext : EXTENSIONS) {
            Path candidate = abs.resolveSibling(abs.getFileName() + ext);
            if (isFile(candidate)) {
                return candidate;
            }
        }
        for (String ext : EXTENSIONS) {
            Path candidate = abs.resolve("index" + ext);
            if (isFile(candidate)) {
                return candidate;
            }
        }
        String rel = root.relativize(abs).toString();
        unresolved.put(rel, "no file '" + rel + "' (tried " + String.join(", ", EXTENSIONS) + " and index.*)");
        throw new NoSuchFileException(abs.toString());
    }

    private boolean isFile(Path p) {
        return overlays.containsKey(p) || Files.isRegularFile(p);
    }

    private synchronized byte[] contentOf(Path path) throws IOException {
        var cached = served.get(path);
        if (cached != null) {
            return cached;
        }
        byte[] bytes;
        var builtin = BuiltinModules.source(path);
        if (builtin.isPresent()) {
            bytes = builtin.get().getBytes(StandardCharsets.UTF_8);
        } else if (BuiltinModules.isBuiltinPath(path)) {
            throw new NoSuchFileException(path.toString());
        } else {
            Path file = resolveOriginal(absolute(path));
            String text = overlays.containsKey(file) ? overlays.get(file) : Files.readString(file);
            String name = file.getFileName().toString();
            String code;
            if (Transpiler.needsTranspile(file)) {
                TranspiledModule module;
                try {
                    module = transpiler.transpile(file, text);
                } catch (JsSyntaxException e) {
                    syntaxError = e;
                    throw new IOException(e.getMessage());
                }
                loaded.put(file, module);
                code = module.code();
            } else if (name.endsWith(".json")) {
                code = "export default " + text + ";\n";
                loaded.put(file, new TranspiledModule(file.toString(), text, code, SourceMap.identity()));
            } else {
                code = text;
                loaded.put(file, new TranspiledModule(file.toString(), text, code, SourceMap.identity()));
            }
            bytes = code.getBytes(StandardCharsets.UTF_8);
        }
        served.put(path, bytes);
        return bytes;
    }

    /** A read-only channel over bytes already in memory. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] data;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), data.length - position);
            dst.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            throw new AccessDeniedException("user code cannot write files");
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, data.length);
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            throw new AccessDeniedException("user code cannot write files");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** For tests: the files this evaluation read, in load order. */
    public List<Path> loadOrder() {
        synchronized (loaded) {
            return new ArrayList<>(loaded.keySet());
        }
    }
}
