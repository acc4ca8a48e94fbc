package dev.creact.engine.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The modules creact provides to user code, by specifier ({@code creact}, {@code creact/local}, ...).
 * Their JavaScript lives in this jar's resources; the module loader serves each from a virtual path
 * under {@link #ROOT}, outside any project.
 */
public final class BuiltinModules {
    /** Virtual folder of built-in modules; never a real file. */
    public static final Path ROOT = Path.of("/__creact__");

    private static final String RESOURCE_DIR = "/dev/creact/engine/render/runtime/";
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("creact", "creact.mjs");
        FILES.put("creact/jsx-runtime", "jsx-runtime.mjs");
        FILES.put("creact/jsx-dev-runtime", "jsx-runtime.mjs");
        FILES.put("creact/local", "local.mjs");
        FILES.put("creact/mock", "mock.mjs");
    }

    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    private BuiltinModules() {
    }

    public static boolean isSpecifier(String specifier) {
        return FILES.containsKey(specifier);
    }

    /** The specifiers users may import. */
    public static java.util.Set<String> specifiers() {
        return FILES.keySet();
    }

    public static Path pathOf(String specifier) {
        return ROOT.resolve(FILES.get(specifier));
    }

    public static boolean isBuiltinPath(Path path) {
        return path.startsWith(ROOT);
    }

    /** Source text of a built-in module by its virtual path. */
    public static Optional<String> source(Path path) {
        if (!isBuiltinPath(path)) {
            return Optional.empty();
        }
        String file = path.getFileName().toString();
        if (!FILES.containsValue(file)) {
            return Optional.empty();
        }
        synchronized (SOURCES) {
            return Optional.of(SOURCES.computeIfAbsent(file, BuiltinModules::load));
        }
    }

    private static String load(String file) {
        try (InputStream in = BuiltinModules.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in module resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
