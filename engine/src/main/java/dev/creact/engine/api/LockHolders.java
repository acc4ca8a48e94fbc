package dev.creact.engine.api;

import dev.creact.engine.backend.FileLocks;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.Problem;

import java.util.Optional;

/**
 * Whether a stack's lock may be forced away ({@code creact unlock --force}). Removing the lock of a deploy
 * that still runs lets a second one run beside it, and both create the same resources; so a holder alive on
 * this host is never forced (its pid is checked), and a holder on another host, whose process cannot be
 * checked from here, only with the caller's word that it is gone ({@code --holder-gone}).
 */
public final class LockHolders {
    private LockHolders() {
    }

    /** Why {@code holder} may not be forced away, or empty when it may. */
    public static Optional<Problem> refusal(LockInfo holder, boolean holderGoneConfirmed, long now) {
        String who = holder.describe(now);
        if (holder.host().equals(FileLocks.hostName()) && holder.pid() > 0) {
            if (ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Problem.error("lock-holder-alive", "the lock " + holder.lockId() + " of stack '"
                                + holder.stack() + "' is held by " + who + ", and pid " + holder.pid()
                                + " is still running on this host; removing its lock would let a second deployment run beside it",
                        null, null, "wait for it to finish, or stop it (Ctrl-C, or `kill " + holder.pid()
                                + "`: it finishes its operations in flight and releases the lock)"));
            }
            return Optional.empty();
        }
        if (holder.expiresAt() < now || holderGoneConfirmed) {
            return Optional.empty();
        }
        return Optional.of(Problem.error("lock-holder-unverified", "the lock " + holder.lockId() + " of stack '"
                        + holder.stack() + "' is held by " + who + " on another host (" + holder.host()
                        + "), whose process cannot be checked from here, and it was renewed less than a TTL ago",
                null, null, "make sure that process is gone, then run `creact unlock --force " + holder.lockId()
                        + " --holder-gone`"));
    }
}
