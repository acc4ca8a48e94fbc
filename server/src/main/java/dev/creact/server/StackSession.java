package dev.creact.server;

import dev.creact.engine.core.PlanResult;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry file and its stack as the editor sees it: where it lives, which files its last evaluation
 * loaded (an edit in any of them re-evaluates it), the latest {@link Evaluation}, and the last deploy's
 * problems.
 */
public final class StackSession {
    private final Path entry;
    private final Path root;
    private final String stack;
    private final StateBackend backend;
    private volatile Set<Path> modules = Set.of();
    private volatile Evaluation evaluation;
    private volatile List<Problem> deployProblems = List.of();

    public StackSession(Path entry, Path root, String stack, StateBackend backend) {
        this.entry = entry;
        this.root = root;
        this.stack = stack;
        this.backend = backend;
    }

    /**
     * The project root of an entry: the folder of {@code configPath} when set, else the nearest folder from
     * the entry up to the workspace folder holding creact.config.json or creact.config.js, else the workspace
     * folder (or the entry's folder when the entry is outside it).
     */
    public static Path projectRoot(Path workspace, Path entry, String configPath) {
        if (configPath != null) {
            return workspace.resolve(configPath).toAbsolutePath().normalize().getParent();
        }
        for (Path d = entry.getParent(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("creact.config.json")) || Files.exists(d.resolve("creact.config.js"))) {
                return d;
            }
            if (d.equals(workspace)) {
                break;
            }
        }
        return entry.startsWith(workspace) ? workspace : entry.getParent();
    }

    public Path entry() {
        return entry;
    }

    public Path root() {
        return root;
    }

    public String stack() {
        return stack;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Whether a change of {@code file} can change this stack's plan. */
    public boolean dependsOn(Path file) {
        var loaded = modules;
        return file.equals(entry) || loaded.contains(file) || (loaded.isEmpty() && file.startsWith(root));
    }

    /** The deployed state, or empty. */
    public Optional<StateSnapshot> deployedState() {
        // Reading the state parses and checksums the whole file; on every keystroke that is a third of
        // an evaluation. It changes only when something deploys, which rewrites (renames) the file.
        var file = backend instanceof dev.creact.engine.backend.FileStateBackend f ? f.stateFile(stack) : null;
        if (file == null) {
            return backend.read(stack);
        }
        String stamp;
        try {
            var attrs = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            stamp = attrs.lastModifiedTime().toMillis() + "/" + attrs.size() + "/" + attrs.fileKey();
        } catch (java.io.IOException e) {
            stamp = "absent";
        }
        var c = cachedState;
        if (c != null && c.stamp().equals(stamp)) {
            return c.snapshot();
        }
        var snapshot = backend.read(stack);
        cachedState = new CachedState(stamp, snapshot);
        return snapshot;
    }

    private record CachedState(String stamp, Optional<StateSnapshot> snapshot) {
    }

    private volatile CachedState cachedState;

    /** Records the problems of the last deploy (empty when it went well); they show until the next one. */
    public void deployFinished(List<Problem> problems) {
        this.deployProblems = List.copyOf(problems);
        var e = evaluation;
        if (e != null) {
            evaluation = e.withDeployProblems(deployProblems);
        }
    }

    /** Takes in a finished evaluation: a failed one keeps the last good plan, marked stale. */
    public Evaluation update(PlanResult result, CloudDom deployed) {
        var render = result.build().render();
        if (render != null && !render.modules().isEmpty()) {
            var loaded = new java.util.HashSet<Path>();
            render.modules().forEach(m -> loaded.add(m.toAbsolutePath().normalize()));
            loaded.add(entry);
            modules = Set.copyOf(loaded);
        }
        var previous = evaluation;
        var plan = result.plan();
        boolean stale = false;
        if (plan == null || !result.ok()) {
            plan = previous == null ? null : previous.plan();
            stale = plan != null;
        }
        evaluation = new Evaluation(root, entry, stack, plan, stale, result.problems(), deployProblems, deployed);
        return evaluation;
    }
}
