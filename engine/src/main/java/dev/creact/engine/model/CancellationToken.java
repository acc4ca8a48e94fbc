package dev.creact.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the caller stop long work: the language server cancels a stale evaluation when a newer edit
 * arrives. Cancelling runs the registered callbacks once (the JS host closes the running context).
 */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled || this == NONE) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(callbacks);
            callbacks.clear();
            notifyAll();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits {@code time}, or less if cancelled meanwhile (a retry's back-off wakes when the user stops the
     * deployment). Returns whether it was cancelled.
     */
    public boolean sleep(java.time.Duration time) throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        synchronized (this) {
            while (!cancelled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Runs {@code callback} on cancellation, or now if already cancelled. Returns a way to unregister. */
    public Runnable onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                if (this != NONE) {
                    callbacks.add(callback);
                }
                return () -> {
                    synchronized (this) {
                        callbacks.remove(callback);
                    }
                };
            }
        }
        callback.run();
        return () -> { };
    }
}
