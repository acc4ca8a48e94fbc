package dev.creact.engine.api;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a build: the CloudDOM (null when user code failed before producing one), every problem
 * found, what user code printed, the modules it loaded (what to watch), and how long it took.
 */
public final class BuildResult {
    private final dev.creact.engine.core.BuildResult core;
    private final List<Problem> warnings;

    BuildResult(dev.creact.engine.core.BuildResult core) {
        this(core, List.of());
    }

    BuildResult(dev.creact.engine.core.BuildResult core, List<Problem> warnings) {
        this.core = core;
        this.warnings = List.copyOf(warnings);
    }

    /** What the stack's state says beside the build (an unfinished deployment); never an error. */
    public List<Problem> warnings() {
        return warnings;
    }

    dev.creact.engine.core.BuildResult core() {
        return core;
    }

    public CloudDom cloudDom() {
        return core.cloudDom();
    }

    public List<Problem> problems() {
        return core.problems();
    }

    /** A CloudDOM was produced and no error was found. */
    public boolean ok() {
        return core.ok();
    }

    /** What {@code console.log} and friends printed (empty when nothing). */
    public String console() {
        return core.render() == null ? "" : core.render().console();
    }

    /** The project modules the evaluation loaded, absolute (empty when it failed before loading any). */
    public List<Path> modules() {
        return core.render() == null ? List.of() : core.render().modules();
    }

    public Duration elapsed() {
        return core.elapsed();
    }

    /**
     * Who depends on whom in the CloudDOM (references, {@code dependsOn}, outputs read), each id with the ids
     * it needs deployed first, sorted; empty when there is no CloudDOM.
     */
    public java.util.Map<String, List<String>> dependencies() {
        if (core.cloudDom() == null) {
            return java.util.Map.of();
        }
        var graph = dev.creact.engine.plan.DependencyGraph.of(core.cloudDom());
        var out = new java.util.LinkedHashMap<String, List<String>>();
        for (String id : graph.ids()) {
            out.put(id, List.copyOf(graph.dependenciesOf(id)));
        }
        return out;
    }
}
