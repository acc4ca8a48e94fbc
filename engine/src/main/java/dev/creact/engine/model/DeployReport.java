package dev.creact.engine.model;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState.FailedOperation;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.util.List;

/**
 * How a deploy, resume, rollback or destroy ended.
 *
 * @param outcome  the overall result
 * @param plans    the plan applied in each convergence cycle (the first is the one shown and approved)
 * @param state    the stack's state afterwards (null when nothing was read)
 * @param serial   the state serial afterwards
 * @param failed   operations that failed or were skipped
 * @param problems why it stopped, when it did not succeed
 * @param created  ids created, over all cycles
 * @param updated  ids updated or replaced, over all cycles
 * @param deleted  ids deleted, over all cycles
 */
public record DeployReport(Outcome outcome, List<Plan> plans, CloudDom state, long serial, List<FailedOperation> failed,
                           List<Problem> problems, List<String> created, List<String> updated, List<String> deleted) {

    public enum Outcome { NO_CHANGES, DEPLOYED, FAILED, DECLINED, CANCELLED, REFUSED, ROLLED_BACK }

    public DeployReport {
        plans = List.copyOf(plans);
        failed = List.copyOf(failed);
        problems = List.copyOf(problems);
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
    }

    public boolean ok() {
        return outcome == Outcome.NO_CHANGES || outcome == Outcome.DEPLOYED || outcome == Outcome.ROLLED_BACK;
    }

    public static DeployReport refused(Problem problem) {
        return new DeployReport(Outcome.REFUSED, List.of(), null, 0, List.of(), List.of(problem), List.of(), List.of(), List.of());
    }
}
