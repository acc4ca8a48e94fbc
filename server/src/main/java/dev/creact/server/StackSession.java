package dev.creact.server;

import dev.creact.engine.api.PlanResult;
import dev.creact.engine.api.ProjectRoots;
import dev.creact.engine.api.RenderCache;
import dev.creact.engine.api.Stack;
import dev.creact.engine.api.StateView;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One entry file and its stack as the editor sees it: where it lives, the engine's {@link Stack} (null when
 * the project could not be opened, with {@link #openProblems()} saying why), which files its last
 * evaluation loaded (an edit in any of them re-evaluates it), the latest {@link Evaluation}, and the last
 * deploy's problems.
 */
public final class StackSession {
    private final Path entry;
    private final Path root;
    private final String stackName;
    private final Stack stack;
    private final List<Problem> openProblems;
    private volatile Set<Path> modules = Set.of();
    private volatile Evaluation evaluation;
    /** The versions of the open documents the latest evaluation read (for the diagnostics' version). */
    private volatile java.util.Map<Path, Integer> evaluatedVersions = java.util.Map.of();
    private volatile List<Problem> deployProblems = List.of();
    /** What the last evaluation rendered, so the next one renders only what an edit changed. */
    private final RenderCache renderCache = new RenderCache();

    public StackSession(Path entry, Path root, String stackName, Stack stack, List<Problem> openProblems) {
        this.entry = entry;
        this.root = root;
        this.stackName = stackName;
        this.stack = stack;
        this.openProblems = List.copyOf(openProblems);
    }

    /**
     * The project root of an entry: the folder of {@code configPath} when set, else the engine's one rule
     * ({@link ProjectRoots#find}), searching no higher than the workspace folder.
     */
    public static Path projectRoot(Path workspace, Path entry, String configPath) {
        if (configPath != null) {
            return workspace.resolve(configPath).toAbsolutePath().normalize().getParent();
        }
        return ProjectRoots.find(entry, workspace);
    }

    public Path entry() {
        return entry;
    }

    public Path root() {
        return root;
    }

    public String stack() {
        return stackName;
    }

    /** The engine's stack, or null when the project did not open (see {@link #openProblems()}). */
    public Stack engineStack() {
        return stack;
    }

    /** Incremental rendering's memory of this stack's last evaluation. */
    public RenderCache renderCache() {
        return renderCache;
    }

    /** Why the project could not be opened (its configuration is wrong); empty when it opened. */
    public List<Problem> openProblems() {
        return openProblems;
    }

    public java.util.Map<Path, Integer> evaluatedVersions() {
        return evaluatedVersions;
    }

    public void evaluatedVersions(java.util.Map<Path, Integer> versions) {
        this.evaluatedVersions = java.util.Map.copyOf(versions);
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** Whether a change of {@code file} can change this stack's plan (a file of one of its nested apps does too). */
    public boolean dependsOn(Path file) {
        var loaded = modules;
        if (file.equals(entry) || loaded.contains(file) || (loaded.isEmpty() && file.startsWith(root))) {
            return true;
        }
        for (Path app : appSources) {
            if (file.startsWith(app) && !file.startsWith(app.resolve(".creact"))) {
                return true;
            }
        }
        return false;
    }

    /** The folders of the nested apps ({@code app:App}) the last plan declared. */
    private volatile Set<Path> appSources = Set.of();

    private void noteAppSources(dev.creact.engine.model.Plan plan) {
        if (plan == null) {
            return;
        }
        var found = new java.util.HashSet<Path>();
        for (var n : plan.desired().allNodes()) {
            var source = n.props().path("source");
            if ("app:App".equals(n.type()) && source.isTextual()) {
                found.add(root.resolve(source.asText()).toAbsolutePath().normalize());
            }
        }
        appSources = Set.copyOf(found);
    }

    /** The deployed state as the engine has it (it keeps a parsed state until the backend says it changed). */
    public StateView deployedState() {
        return stack == null ? new StateView(null, openProblems) : stack.state();
    }

    /** Records the problems of the last deploy (empty when it went well); they show until the next one. */
    public void deployFinished(List<Problem> problems) {
        this.deployProblems = List.copyOf(problems);
        var e = evaluation;
        if (e != null) {
            evaluation = e.withDeployProblems(deployProblems);
        }
    }

    /** Takes in an evaluation that could not run (the project did not open): its problems, the last plan marked stale. */
    public Evaluation update(List<Problem> problems) {
        var previous = evaluation;
        var plan = previous == null ? null : previous.plan();
        evaluation = new Evaluation(root, entry, stackName, plan, plan != null, problems, deployProblems,
                CloudDom.empty(stackName));
        return evaluation;
    }

    /** Takes in a finished evaluation: a failed one keeps the last good plan, marked stale. */
    public Evaluation update(PlanResult result, CloudDom deployed) {
        var loadedModules = result.build().modules();
        if (!loadedModules.isEmpty()) {
            var loaded = new java.util.HashSet<Path>();
            loadedModules.forEach(m -> loaded.add(m.toAbsolutePath().normalize()));
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
        noteAppSources(result.plan());
        evaluation = new Evaluation(root, entry, stackName, plan, stale, result.problems(), deployProblems, deployed,
                result.warnings());
        return evaluation;
    }
}
