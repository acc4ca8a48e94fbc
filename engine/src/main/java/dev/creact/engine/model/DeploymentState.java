package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The record of one deployment, kept by the backend while it runs and after: what it started from,
 * what it aims for, how far it got, and how it ended.
 *
 * @param deploymentId unique id (also in the journal)
 * @param stack        stack name
 * @param status       where it is in its life
 * @param before       the deployed CloudDOM it started from (rollback returns to it)
 * @param target       the CloudDOM it deploys
 * @param order        the operations' ids in plan order
 * @param checkpoint   ids whose operation completed, in completion order
 * @param failed       ids whose operation failed or was skipped, with the reason
 * @param error        what stopped it, when it failed
 * @param startedAt    ISO-8601 start time
 * @param updatedAt    ISO-8601 time of the last change
 * @param user         who ran it
 * @param host         where
 * @param pid          the process
 * @param command      the command line that started it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentState(String deploymentId, String stack, DeploymentStatus status, CloudDom before,
                              CloudDom target, List<String> order, List<String> checkpoint,
                              List<FailedOperation> failed, String error, String startedAt, String updatedAt,
                              String user, String host, long pid, String command) {

    /** An operation that did not complete. */
    public record FailedOperation(String id, String action, String reason, boolean skipped) {
    }

    public DeploymentState {
        order = List.copyOf(order == null ? List.of() : order);
        checkpoint = List.copyOf(checkpoint == null ? List.of() : checkpoint);
        failed = List.copyOf(failed == null ? List.of() : failed);
    }

    public DeploymentState with(DeploymentStatus newStatus, List<String> newCheckpoint, List<FailedOperation> newFailed,
                                String newError, String now) {
        if (newStatus != status && !status.canMoveTo(newStatus)) {
            throw new IllegalStateException("a deployment cannot go from " + status + " to " + newStatus);
        }
        return new DeploymentState(deploymentId, stack, newStatus, before, target, order, newCheckpoint, newFailed,
                newError, startedAt, now, user, host, pid, command);
    }
}
