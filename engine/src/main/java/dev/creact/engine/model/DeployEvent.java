package dev.creact.engine.model;

import java.util.List;

/**
 * What a command that changes a stack did, as it happens: the one stream that progress bars, the
 * language server, extensions, the audit log and state sync all read. Every command that changes a stack
 * (deploy, resume, rollback, destroy, a dev-mode cycle, a forced unlock, a refresh, an import, the state
 * commands that edit it, removing a stack) emits them, in this order:
 * {@link CommandStarted}, then for each pass through the state machine {@link CycleStarted}, the record's
 * {@link StatusChanged}s, per operation {@link OperationIntent} and {@link OperationResult} (with
 * {@link OperationRetrying} between them), a {@link Checkpoint} when the state is written, and at the end
 * {@link CommandFinished}. Lock events come around all of it.
 *
 * <p>Events are immutable values; listeners get them on the thread that did the work, so a listener must
 * be quick and must not throw (an exception is caught and reported, never passed to the deploy).
 */
public sealed interface DeployEvent {
    /** The stack the event is about. */
    String stack();

    /** When it happened, in epoch milliseconds. */
    long at();

    /** Which command. */
    enum Command {
        DEPLOY, RESUME, ROLLBACK, DESTROY, DEV_CYCLE, FORCE_UNLOCK, REFRESH, IMPORT, STATE_RM, STATE_MV, STACK_RM;

        /** Lower case with dashes, as in JSON and logs: {@code dev-cycle}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A command begins; {@code commandLine} is what the lock and the deployment record show. */
    record CommandStarted(String stack, Command command, String commandLine, long at) implements DeployEvent {
    }

    /** A pass through the state machine starts: {@code cycle} counts convergence cycles from 1. */
    record CycleStarted(String stack, String deploymentId, int cycle, int operations, long at) implements DeployEvent {
    }

    /** The deployment record moved to {@code status}. */
    record StatusChanged(String stack, String deploymentId, DeploymentStatus status, long at) implements DeployEvent {
    }

    /**
     * A provider is about to be called; {@code step} is {@code create}, {@code update}, {@code delete} or
     * {@code delete-old} (the old half of a create-before-destroy replacement).
     */
    record OperationIntent(String stack, String deploymentId, String id, String type, Action action, String step,
                           long at) implements DeployEvent {
    }

    /** A transient failure; the operation is tried again ({@code attempt} counts retries from 1). */
    record OperationRetrying(String stack, String deploymentId, String id, Action action, int attempt, String error,
                             long at) implements DeployEvent {
    }

    /**
     * An operation ended: {@code ok}, or failed with {@code error}, or was skipped because something it
     * depends on failed. {@code node} is the resource as it now exists (null after a delete, a failure or
     * a skip).
     */
    record OperationResult(String stack, String deploymentId, String id, String type, Action action, boolean ok,
                           boolean skipped, String error, long millis, Node node, long at) implements DeployEvent {
    }

    /** The state was written: {@code state} at {@code serial} is what exists now. */
    record Checkpoint(String stack, String deploymentId, long serial, CloudDom state, long at) implements DeployEvent {
    }

    /** The command ended; {@code report} says how. */
    record CommandFinished(String stack, Command command, String commandLine, DeployReport report, long millis,
                           long at) implements DeployEvent {
    }

    /** The stack's lock was taken. */
    record LockAcquired(String stack, LockInfo lock, long at) implements DeployEvent {
    }

    /** The stack's lock was let go by its holder. */
    record LockReleased(String stack, LockInfo lock, long at) implements DeployEvent {
    }

    /**
     * Taking the lock replaced {@code previous}, another holder's lock whose TTL had passed (or whose process on
     * this host was gone): that holder may have died mid-command, so its work may be unfinished.
     */
    record LockTakenOver(String stack, LockInfo previous, LockInfo lock, long at) implements DeployEvent {
    }

    /** Someone removed the lock of another holder ({@code creact unlock --force}). */
    record LockForced(String stack, LockInfo lock, String commandLine, long at) implements DeployEvent {
    }

    /** A build made for a command finished: how many resources, whether it was good, how many problems. */
    record Built(String stack, int resources, boolean ok, List<Problem> problems, long at) implements DeployEvent {
        public Built {
            problems = List.copyOf(problems);
        }
    }

    /**
     * The deployer read secret {@code name} for resource {@code id} just before calling its provider (the
     * name only: the audit log records each resolution).
     */
    record SecretResolved(String stack, String deploymentId, String id, String name, long at) implements DeployEvent {
    }

    /** Something for people: a recovery decision, a convergence cycle, the effects that ran. */
    record Note(String stack, String message, long at) implements DeployEvent {
    }

    /** Receives events. */
    @FunctionalInterface
    interface Listener {
        Listener NONE = event -> { };

        void on(DeployEvent event);
    }

    /** Now, in epoch milliseconds (one place, so tests can read when events were made). */
    static long now() {
        return System.currentTimeMillis();
    }
}
