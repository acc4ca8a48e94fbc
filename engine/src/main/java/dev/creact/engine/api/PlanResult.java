package dev.creact.engine.api;

import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.util.List;

/** The build behind a plan, the plan (null when the build failed or an option was wrong), and the problems. */
public final class PlanResult {
    private final dev.creact.engine.core.PlanResult core;
    private final BuildResult build;

    PlanResult(dev.creact.engine.core.PlanResult core) {
        this.core = core;
        this.build = new BuildResult(core.build());
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
