package dev.creact.engine.model;

/**
 * The life of one deployment: PENDING → APPLYING → DEPLOYED | FAILED | ROLLED_BACK, and
 * FAILED → ROLLED_BACK. A deployment found APPLYING with no live holder was interrupted.
 */
public enum DeploymentStatus {
    PENDING, APPLYING, DEPLOYED, FAILED, ROLLED_BACK;

    /** Whether a deployment may move from this status to {@code next}. */
    public boolean canMoveTo(DeploymentStatus next) {
        return switch (this) {
            case PENDING -> next == APPLYING || next == FAILED;
            case APPLYING -> next == DEPLOYED || next == FAILED || next == ROLLED_BACK;
            case FAILED -> next == ROLLED_BACK;
            case DEPLOYED, ROLLED_BACK -> false;
        };
    }

    public boolean isFinal() {
        return this == DEPLOYED || this == ROLLED_BACK;
    }
}
