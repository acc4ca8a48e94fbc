package dev.creact.engine.api;

import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.core.Engine;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.Problem;
import dev.creact.engine.provider.DependencyContainer;
import dev.creact.engine.provider.ProviderPlugins;
import dev.creact.engine.scaffold.ProjectScaffold;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine's one way in, for the CLI, the language server, state sync and the tests: open a
 * {@link Project}, take a {@link Stack} of it, and ask it to build, plan, deploy and so on. Everything the
 * clients need goes through this package and {@code model} records; what a stack-changing command does is
 * told to the listeners registered here as typed {@link DeployEvent}s.
 *
 * <p>One instance holds the shared JavaScript engine; keep it for the life of the process.
 */
public final class CreactEngine implements AutoCloseable {
    private final Engine core;
    private final List<DeployEvent.Listener> listeners = new CopyOnWriteArrayList<>();

    public CreactEngine() {
        this.core = new Engine();
    }

    /**
     * An engine for a command on {@code entry} of the project at {@code projectRoot}: when the entry is unchanged
     * since the last command, its transpiled form is read from the project's cache and swc is never loaded.
     */
    public CreactEngine(Path projectRoot, Path entry) {
        this.core = new Engine(projectRoot.toAbsolutePath().normalize(), entry.toAbsolutePath().normalize());
    }

    /**
     * Opens the project at {@code projectRoot}: reads its configuration ({@code creact.config.json}, {@code .ts}
     * or {@code .js}) and opens the backend it names.
     *
     * @throws CreactException when the configuration cannot be read or names something unknown
     */
    public Project open(Path projectRoot) {
        Path root = projectRoot.toAbsolutePath().normalize();
        CreactConfig config;
        DependencyContainer container;
        try {
            config = core.loadConfig(root);
            container = DependencyContainer.open(root, config, List.of());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new CreactException(Problem.error("invalid-configuration", e.getMessage(), null, null,
                    "fix the configuration file; `creact info` shows what is in effect once it loads"));
        }
        return new Project(this, root, config, container);
    }

    /** Every stack-changing command of every project opened here tells {@code listener} what it does. */
    public void addListener(DeployEvent.Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeployEvent.Listener listener) {
        listeners.remove(listener);
    }

    List<DeployEvent.Listener> listeners() {
        return listeners;
    }

    Engine core() {
        return core;
    }

    /** A file {@code creact init} wrote, or kept because it existed. */
    public record ScaffoldFile(String path, boolean written) {
    }

    /**
     * Writes a starter project into {@code dir}: {@code infrastructure.tsx}, {@code tsconfig.json}, a
     * {@code .gitignore} (kept if present unless {@code overwrite}), and the TypeScript declarations of
     * {@code creact} and of every provider plugin's module (always refreshed).
     */
    public static List<ScaffoldFile> init(Path dir, boolean overwrite) {
        return ProjectScaffold.write(dir, overwrite).stream().map(w -> new ScaffoldFile(w.path(), w.created())).toList();
    }

    /** The TypeScript declarations {@code creact init} writes, by project-relative path. */
    public static Map<String, String> declarations() {
        var out = new java.util.LinkedHashMap<String, String>();
        for (String name : new String[]{"creact", "jsx-runtime", "test"}) {
            out.put("types/creact/" + name + ".d.ts", ProjectScaffold.resource("types/" + name + ".d.ts"));
        }
        out.putAll(ProjectScaffold.pluginDeclarations());
        return out;
    }

    /** Provider plugins found on the class path that broke a rule, with the rule (none, normally). */
    public static Map<String, String> refusedPlugins() {
        return ProviderPlugins.found().refused();
    }

    @Override
    public void close() {
        core.close();
    }
}
