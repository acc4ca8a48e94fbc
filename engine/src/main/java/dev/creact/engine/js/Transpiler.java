package dev.creact.engine.js;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jModuleKind;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.enums.Swc4jSourceMapOption;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jJsxRuntimeOption;
import com.caoccao.javet.swc4j.options.Swc4jTranspileOptions;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * TSX, TS and JSX to JavaScript ES modules with swc4j, with source maps. JSX uses the automatic
 * runtime in development form ({@code creact/jsx-dev-runtime}), so every element carries the file,
 * line and column where it was written.
 *
 * <p>Results are cached by a hash of path and content: re-evaluating an unchanged file (the language
 * server does so on every keystroke in another file) costs a map lookup.
 */
public final class Transpiler {
    /** swc's messages end their first part with {@code at file:///path:line:column}, then a code frame. */
    private static final Pattern SWC_PLACE = Pattern.compile("\\s+at\\s+file://(\\S+?):(\\d+):(\\d+)");
    private static final int CACHE_LIMIT = 2048;

    private volatile Swc4j swc;
    private final Map<String, TranspiledModule> cache = new ConcurrentHashMap<>();

    /**
     * Loads swc's native library and runs it once. Loading takes about 0.2 s; the host does it on a
     * second thread while the GraalJS engine starts, so a cold command pays for only one of the two.
     */
    private Swc4j swc() {
        Swc4j s = swc;
        if (s == null) {
            synchronized (this) {
                if (swc == null) {
                    SwcNativeLibrary.configure();
                    swc = new Swc4j();
                }
                s = swc;
            }
        }
        return s;
    }

    public void warmUp() {
        try {
            transpile(Path.of("/__creact__/warm-up.tsx"), "export const a = <x/>;\n");
        } catch (RuntimeException ignored) {
            // a real transpile will report the problem
        }
    }

    /** Whether a file is transpiled (rather than served as is). */
    public static boolean needsTranspile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tsx") || name.endsWith(".ts") || name.endsWith(".jsx")
                || name.endsWith(".mts");
    }

    public TranspiledModule transpile(Path file, String source) {
        String key = hash(file + "\u0000" + source);
        var cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        var result = doTranspile(file, source);
        if (cache.size() > CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, result);
        return result;
    }

    private TranspiledModule doTranspile(Path file, String source) {
        String name = file.getFileName().toString();
        Swc4jMediaType media = name.endsWith(".tsx") ? Swc4jMediaType.Tsx
                : name.endsWith(".jsx") ? Swc4jMediaType.Jsx
                : Swc4jMediaType.TypeScript;
        try {
            var options = new Swc4jTranspileOptions()
                    .setJsx(Swc4jJsxRuntimeOption.Automatic(true, "creact"))
                    .setMediaType(media)
                    .setParseMode(Swc4jParseMode.Module)
                    .setModuleKind(Swc4jModuleKind.Esm)
                    .setSourceMap(Swc4jSourceMapOption.Separate)
                    .setSpecifier(file.toUri().toURL());
            var out = swc().transpile(source, options);
            var map = out.getSourceMap() == null ? SourceMap.identity() : SourceMap.parse(out.getSourceMap());
            return new TranspiledModule(file.toString(), source, out.getCode(), map);
        } catch (Swc4jCoreException e) {
            throw toSyntaxError(file, e.getMessage());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsSyntaxException toSyntaxError(Path file, String message) {
        String text = message == null ? "syntax error" : message.strip();
        var m = SWC_PLACE.matcher(text);
        if (m.find()) {
            return new JsSyntaxException(file.toString(), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), text.substring(0, m.start()).strip());
        }
        return new JsSyntaxException(file.toString(), 1, 1, text);
    }

    private static String hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
