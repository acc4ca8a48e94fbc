package dev.creact.engine.backend;

import dev.creact.engine.model.LockInfo;

/**
 * A held lock on a stack, renewed in the background while held; {@link #close()} releases it. A renewal
 * that finds the lock gone or taken by someone else marks it lost: the holder must then start no new work.
 */
public interface StackLock extends AutoCloseable {
    LockInfo info();

    /** Whether this process still holds it (false once a renewal found it removed or taken over). */
    boolean held();

    /**
     * The expired lock of another holder that this acquisition replaced, if it replaced one: its holder's TTL
     * had passed (or, on this host, its process was gone). Empty when the stack was free.
     */
    default java.util.Optional<LockInfo> tookOver() {
        return java.util.Optional.empty();
    }

    /** Releases the lock (if it is still ours). */
    @Override
    void close();
}
