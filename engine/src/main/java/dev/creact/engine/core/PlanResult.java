package dev.creact.engine.core;

import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.util.List;

/** The build behind a plan, the plan (null when the build failed or an option was wrong), and the problems. */
public record PlanResult(BuildResult build, Plan plan, List<Problem> problems) {
    public PlanResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return plan != null && problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }
}
