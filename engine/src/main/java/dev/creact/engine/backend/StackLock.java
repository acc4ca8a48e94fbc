package dev.creact.engine.backend;

import dev.creact.engine.model.LockInfo;

/** A held lock on a stack. Renewed in the background while held; {@link #close()} releases it. */
public interface StackLock extends AutoCloseable {
    LockInfo info();

    /** Releases the lock (if it is still ours). */
    @Override
    void close();
}
