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
 * The modules creact provides to user code, by specifier: {@code creact} and its JSX runtimes (JavaScript
 * in this jar's resources), and one module per provider plugin ({@code creact/local}, …), generated from
 * the plugin's construct declarations. The module loader serves each from a virtual path under
 * {@link #ROOT}, outside any project.
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
        FILES.put("creact/test", "test.mjs");
    }

    /** The modules of the provider plugins, by specifier, each served as {@code <plugin name>.plugin.mjs}. */
    private static Map<String, String> pluginFiles() {
        var plugins = new LinkedHashMap<String, String>();
        dev.creact.engine.provider.ProviderPlugins.all().values().forEach(p ->
                plugins.put(p.moduleSpecifier(), p.name() + PLUGIN_SUFFIX));
        return plugins;
    }

    private static final String PLUGIN_SUFFIX = ".plugin.mjs";

    private static final Map<String, String> SOURCES = new LinkedHashMap<>();
    private static final Map<dev.creact.engine.provider.ProviderPlugin, String> PLUGIN_SOURCES = new java.util.WeakHashMap<>();

    private BuiltinModules() {
    }

    public static boolean isSpecifier(String specifier) {
        return FILES.containsKey(specifier) || pluginFiles().containsKey(specifier);
    }

    /** The specifiers users may import: creact's own, then every provider plugin's. */
    public static java.util.Set<String> specifiers() {
        var all = new java.util.LinkedHashSet<>(FILES.keySet());
        all.addAll(pluginFiles().keySet());
        return all;
    }

    public static Path pathOf(String specifier) {
        String file = FILES.get(specifier);
        return ROOT.resolve(file != null ? file : pluginFiles().get(specifier));
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
        if (file.endsWith(PLUGIN_SUFFIX)) {
            var plugin = dev.creact.engine.provider.ProviderPlugins.all().get(file.substring(0, file.length() - PLUGIN_SUFFIX.length()));
            if (plugin == null) {
                return Optional.empty();
            }
            // By plugin, not by file: a project's external provider is a new plugin each time it describes itself anew.
            synchronized (PLUGIN_SOURCES) {
                return Optional.of(PLUGIN_SOURCES.computeIfAbsent(plugin, dev.creact.engine.provider.ProviderPlugins::moduleSource));
            }
        }
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
