package dev.creact.engine.sync;

/**
 * Where one resource stands, as state sync reports it. The stack as a whole has a
 * {@link dev.creact.engine.model.DeploymentStatus}; a resource has one of these.
 */
public enum ResourceStatus {
    /** Part of a running deployment's plan, not started yet. */
    PENDING,
    /** Its provider call is running. */
    APPLYING,
    /** Deployed: its outputs are the deployed ones. */
    DEPLOYED,
    /** Its operation failed or was skipped in the last deployment. */
    FAILED
}
