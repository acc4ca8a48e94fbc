package dev.creact.server;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs work for keys one at a time, never two at once, in the order they were asked for. Asking again for
 * a key that is already waiting changes nothing; asking for a key while its work runs makes it run once
 * more afterwards. So a burst of saves during a dev-mode cycle gives exactly one more cycle, which reads
 * the latest contents.
 */
final class SerialQueue<K> {
    private final Executor executor;
    private final Consumer<K> work;
    private final Consumer<Throwable> onError;
    private final LinkedHashSet<K> waiting = new LinkedHashSet<>();
    private boolean draining;
    private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

    SerialQueue(Executor executor, Consumer<K> work, Consumer<Throwable> onError) {
        this.executor = executor;
        this.work = work;
        this.onError = onError;
    }

    synchronized void submit(K key) {
        waiting.add(key);
        if (!draining) {
            draining = true;
            idle = new CompletableFuture<>();
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            K key;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    draining = false;
                    idle.complete(null);
                    return;
                }
                key = waiting.removeFirst();
            }
            try {
                work.accept(key);
            } catch (Throwable t) {
                onError.accept(t);
            }
        }
    }

    /** Whether work waits or runs. */
    synchronized boolean busy() {
        return draining;
    }

    /** Waits until nothing waits or runs; returns whether that happened within {@code limit}. */
    boolean awaitIdle(Duration limit) {
        CompletableFuture<Void> current;
        synchronized (this) {
            current = idle;
        }
        try {
            current.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        }
    }
}
