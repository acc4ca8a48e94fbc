package dev.creact.engine.deploy;

import dev.creact.engine.model.Action;

/** Progress of a deployment, for a progress bar, the language server's $/progress, or an extension. */
public interface DeployListener {
    DeployListener NONE = new DeployListener() {
    };

    /** A deploy cycle starts with {@code total} operations. */
    default void cycleStarted(int cycle, int total) {
    }

    default void operationStarted(String id, Action action) {
    }

    default void operationRetrying(String id, Action action, int retry, String error) {
    }

    /** An operation ended: {@code ok}, or failed with {@code error}, or was skipped because a dependency failed. */
    default void operationFinished(String id, Action action, boolean ok, boolean skipped, String error, long millis) {
    }

    /** A note for people: recovery decisions, convergence cycles. */
    default void note(String message) {
    }
}
