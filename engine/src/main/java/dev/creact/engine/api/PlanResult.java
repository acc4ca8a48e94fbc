package dev.creact.engine.api;

import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.util.List;

/**
 * The build behind a plan, the plan (null when the build failed or an option was wrong), the problems, and
 * warnings about the stack that do not stop the plan (an interrupted deployment, one in progress).
 */
public final class PlanResult {
    private final dev.creact.engine.core.PlanResult core;
    private final BuildResult build;
    private final List<Problem> warnings;

    PlanResult(dev.creact.engine.core.PlanResult core) {
        this(core, List.of());
    }

    PlanResult(dev.creact.engine.core.PlanResult core, List<Problem> warnings) {
        this.core = core;
        this.warnings = List.copyOf(warnings);
        this.build = new BuildResult(core.build(), this.warnings);
    }

    /** What the stack's state says beside the plan (an unfinished deployment); never an error. */
    public List<Problem> warnings() {
        return warnings;
    }

    dev.creact.engine.core.PlanResult core() {
        return core;
    }

    public BuildResult build() {
        return build;
    }

    public Plan plan() {
        return core.plan();
    }

    public List<Problem> problems() {
        return core.problems();
    }

    public boolean ok() {
        return core.ok();
    }
}
