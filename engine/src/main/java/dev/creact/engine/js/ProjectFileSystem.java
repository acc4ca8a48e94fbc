package dev.creact.engine.js;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.graalvm.polyglot.io.FileSystem;

import java.io.IOException;
import java.io.InputStream;
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
 *       (checked to be JSON) as modules whose default export is the parsed value;</li>
 *   <li>unsaved editor contents (overlays) in place of the files on disk.</li>
 * </ul>
 * Relative imports resolve with or without extension ({@code .tsx}, {@code .ts}, {@code .jsx},
 * {@code .js}, {@code .mjs}, {@code .json}) and to {@code index.*} in folders. Anything whose real path
 * is outside the root (a symbolic link out of the project included), anything under {@code .creact/},
 * any write and any other bare specifier is refused ({@link ProjectConfinement}). A file that nests
 * deeper than the parsers can follow is refused before it is parsed ({@link SourceLimits}).
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

    /** JSON as a module may have comments and trailing commas, as its JavaScript reading always allowed. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final Path root;
    private final ProjectConfinement confinement;
    private final Map<Path, String> overlays;
    private final Transpiler transpiler;
    private final TranspileDiskCache diskCache;
    private final EvaluationMeter meter;
    /** Real paths of the files resolved so far, by the path user code named them with. */
    private final Map<Path, Path> realPaths = new HashMap<>();
    private final Map<Path, TranspiledModule> loaded = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> unresolved = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Path, byte[]> served = new HashMap<>();
    private volatile JsSyntaxException syntaxError;
    private volatile SourceLimitException sourceLimit;
    private volatile Path stoppedWhileTranspiling;

    public ProjectFileSystem(Path root, Map<Path, String> overlays, Transpiler transpiler) {
        this(root, overlays, transpiler, EvaluationMeter.unmetered());
    }

    public ProjectFileSystem(Path root, Map<Path, String> overlays, Transpiler transpiler, EvaluationMeter meter) {
        this.root = root.toAbsolutePath().normalize();
        this.confinement = new ProjectConfinement(this.root);
        this.overlays = overlays == null ? Map.of() : Map.copyOf(overlays);
        this.transpiler = transpiler;
        this.diskCache = TranspileDiskCache.under(this.root);
        this.meter = meter;
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

    /** The first file refused before parsing (too deep, too large), or null. */
    public SourceLimitException sourceLimit() {
        return sourceLimit;
    }

    /** The file being transpiled when the evaluation was stopped, or null. */
    public Path stoppedWhileTranspiling() {
        return stoppedWhileTranspiling;
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
        if (isProjectDirectory(abs)) {
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
            dir = isProjectDirectory(abs);
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

    private boolean isProjectDirectory(Path abs) {
        return abs.startsWith(root) && Files.isDirectory(abs) && confinement.allows(abs);
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
        confine(abs, abs);
        if (isFile(abs)) {
            return confine(abs, abs);
        }
        for (String ext : EXTENSIONS) {
            Path candidate = abs.resolveSibling(abs.getFileName() + ext);
            if (isFile(candidate)) {
                return confine(abs, candidate);
            }
        }
        for (String ext : EXTENSIONS) {
            Path candidate = abs.resolve("index" + ext);
            if (isFile(candidate)) {
                return confine(abs, candidate);
            }
        }
        String rel = root.relativize(abs).toString();
        unresolved.put(rel, "no file '" + rel + "' (tried " + String.join(", ", EXTENSIONS) + " and index.*)");
        throw new NoSuchFileException(abs.toString());
    }

    /**
     * Checks that user code may read {@code file} (by its real path), found for the module path
     * {@code requested}; returns {@code file}.
     */
    private Path confine(Path requested, Path file) throws AccessDeniedException {
        try {
            Path real = confinement.check(file);
            synchronized (realPaths) {
                realPaths.put(file, real);
            }
            return file;
        } catch (AccessDeniedException e) {
            unresolved.put(requested.toString(), e.getReason());
            throw e;
        }
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
            String text = overlays.containsKey(file) ? overlays.get(file) : read(file);
            String code;
            try {
                code = serve(file, text);
            } catch (JsSyntaxException e) {
                syntaxError = e;
                throw new IOException(e.getMessage());
            } catch (SourceLimitException e) {
                sourceLimit = e;
                throw new IOException(e.getMessage());
            } catch (Transpiler.StoppedException e) {
                stoppedWhileTranspiling = file;
                throw new IOException(e.getMessage());
            }
            bytes = code.getBytes(StandardCharsets.UTF_8);
        }
        served.put(path, bytes);
        return bytes;
    }

    /** The JavaScript GraalJS gets for a user file: transpiled, checked JSON, or the file itself. */
    private String serve(Path file, String text) {
        if (Transpiler.needsTranspile(file)) {
            // Unsaved editor text is transpiled in memory only; a file as it is on disk is kept on disk too.
            var module = transpiler.transpile(file, text, meter, overlays.containsKey(file) ? null : diskCache);
            loaded.put(file, module);
            return TopLevelFunctions.register(file.toString(), module.code());
        }
        SourceLimits.checkNesting(file, text);
        String code = text;
        if (file.getFileName().toString().endsWith(".json")) {
            checkJson(file, text);
            code = "export default " + text + ";\n";
        }
        loaded.put(file, new TranspiledModule(file.toString(), text, code, SourceMap.identity()));
        return file.getFileName().toString().endsWith(".json") ? code : TopLevelFunctions.register(file.toString(), code);
    }

    /** Reads a project file through its real path, refusing a link that appeared since it was checked. */
    private String read(Path file) throws IOException {
        Path real;
        synchronized (realPaths) {
            real = realPaths.get(file);
        }
        if (real == null) {
            real = confinement.check(file);
        }
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * A JSON module must be JSON (one value, nothing after it): it is served as JavaScript, which would
     * otherwise run whatever code a ".json" file holds. The error names the place and quotes at most the
     * parser's description of the offending token.
     */
    private static void checkJson(Path file, String text) {
        try (var parser = JSON.createParser(text)) {
            int depth = 0;
            boolean seenValue = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (seenValue && depth == 0) {
                    var where = parser.currentTokenLocation();
                    throw new JsSyntaxException(file.toString(), where.getLineNr(), where.getColumnNr(),
                            "not valid JSON: more than one value");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (depth == 0) {
                    seenValue = true;
                }
            }
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new JsSyntaxException(file.toString(), where == null ? 1 : Math.max(1, where.getLineNr()),
                    where == null ? 1 : Math.max(1, where.getColumnNr()),
                    "not valid JSON: " + SyntaxMessages.safe(file, e.getOriginalMessage()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a string does not fail
        }
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
