package dev.creact.engine.deploy;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState.FailedOperation;

import java.util.List;

/**
 * How one application of a plan ended: the CloudDOM as it now exists (what succeeded applied, the rest
 * as it was), the ids completed in order, the operations that failed or were skipped, and whether it was
 * cancelled before the end.
 */
public record DeployOutcome(CloudDom actual, List<String> completed, List<FailedOperation> failed, boolean cancelled) {
    public DeployOutcome {
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
    }

    public boolean succeeded() {
        return failed.isEmpty() && !cancelled;
    }
}
