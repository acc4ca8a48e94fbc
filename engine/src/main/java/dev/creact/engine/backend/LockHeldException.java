package dev.creact.engine.backend;

import dev.creact.engine.model.LockInfo;

/** The stack is locked by someone else; the message names the holder, the lock's age and what to do. */
public final class LockHeldException extends RuntimeException {
    private final LockInfo holder;

    public LockHeldException(LockInfo holder, String message) {
        super(message);
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
