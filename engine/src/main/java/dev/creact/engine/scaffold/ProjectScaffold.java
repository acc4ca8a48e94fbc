package dev.creact.engine.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code creact init} writes into a project: a starter {@code infrastructure.tsx}, a
 * {@code tsconfig.json} set up for creact's JSX, the TypeScript declarations of {@code creact} and of every
 * provider plugin's module ({@code types/creact/<name>.d.ts}, so an editor type-checks the file), and a
 * {@code .gitignore} for the local state folder.
 */
public final class ProjectScaffold {
    private static final String BASE = "/dev/creact/engine/scaffold/";

    /** Project-relative target to resource name. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("infrastructure.tsx", "infrastructure.tsx");
        FILES.put("tsconfig.json", "tsconfig.json");
        FILES.put("types/creact/creact.d.ts", "types/creact.d.ts");
        FILES.put("types/creact/jsx-runtime.d.ts", "types/jsx-runtime.d.ts");
        FILES.put("types/creact/test.d.ts", "types/test.d.ts");
        FILES.put(".gitignore", "gitignore");
    }

    /** The outcome for one file. */
    public record Written(String path, boolean created) {
    }

    private ProjectScaffold() {
    }

    /**
     * Writes the scaffold into {@code dir}. Existing files are kept unless {@code overwrite}; the
     * declarations are always refreshed, since they must match this creact.
     */
    public static List<Written> write(Path dir, boolean overwrite) {
        var out = new ArrayList<Written>();
        try {
            Files.createDirectories(dir);
            for (var e : FILES.entrySet()) {
                Path target = dir.resolve(e.getKey());
                boolean declarations = e.getKey().startsWith("types/");
                if (Files.exists(target) && !overwrite && !declarations) {
                    out.add(new Written(e.getKey(), false));
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, resource(e.getValue()), StandardCharsets.UTF_8);
                out.add(new Written(e.getKey(), true));
            }
            var declarations = pluginDeclarations();
            // the external providers of this project, when it was opened in this process (creact init does)
            dev.creact.engine.provider.ProviderPlugins.configuredFor(dir).forEach(p -> declarations.put(declarationPath(p), p.typeScriptDeclarations()));
            for (var e : declarations.entrySet()) {
                Path target = dir.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
                out.add(new Written(e.getKey(), true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project scaffold into " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The TypeScript declarations of every class-path provider plugin's module, by the path {@code creact init} writes
     * them to: {@code types/creact/local.d.ts} for {@code creact/local}.
     */
    public static Map<String, String> pluginDeclarations() {
        var out = new LinkedHashMap<String, String>();
        dev.creact.engine.provider.ProviderPlugins.found().plugins().values().forEach(p -> out.put(
                declarationPath(p), p.typeScriptDeclarations()));
        return out;
    }

    private static String declarationPath(dev.creact.engine.provider.ProviderPlugin p) {
        return "types/creact/" + p.moduleSpecifier().substring("creact/".length()) + ".d.ts";
    }

    /** The text of a declaration file (for tests and for the language server). */
    public static String resource(String name) {
        try (InputStream in = ProjectScaffold.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing scaffold resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
