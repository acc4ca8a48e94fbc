package dev.creact.server;

import dev.creact.engine.model.CancellationToken;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Debounces and cancels evaluations, one line of work per key (an entry file): a request waits
 * {@code delay}; a newer request for the same key drops a waiting one and cancels a running one (through
 * its {@link CancellationToken}), so only the latest edit is evaluated to the end. Work runs on worker
 * threads, never on the caller's (the LSP message thread). An optional idle action runs once when nothing has
 * waited or run for a while (a pause in typing), and not again until more work has come and gone.
 */
public final class EvaluationScheduler<K> implements AutoCloseable {
    private record Pending(ScheduledFuture<?> timer, CancellationToken token) {
    }

    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Consumer<Throwable> onError;
    private final Map<K, Pending> pending = new HashMap<>();
    private Duration idleAfter;
    private Runnable idleAction;
    private ScheduledFuture<?> idleTimer;

    public EvaluationScheduler(Duration delay, Consumer<Throwable> onError) {
        this.delay = delay;
        this.onError = onError;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("creact-debounce").factory());
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("creact-eval-", 0)
                .stackSize(16L << 20).factory());
    }

    /** Runs {@code action} on a worker once nothing has waited or run for {@code after}, after each burst of work. */
    public synchronized void whenIdle(Duration after, Runnable action) {
        this.idleAfter = after;
        this.idleAction = action;
    }

    /** Schedules {@code work} for {@code key} after the delay, superseding whatever was scheduled or running for it. */
    public synchronized CancellationToken schedule(K key, Consumer<CancellationToken> work) {
        cancel(key);
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
        var token = new CancellationToken();
        ScheduledFuture<?> f = timer.schedule(() -> workers.execute(() -> run(key, token, work)),
                delay.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(key, new Pending(f, token));
        return token;
    }

    /** Drops the waiting work for {@code key} and cancels its running work. */
    public synchronized void cancel(K key) {
        var old = pending.remove(key);
        if (old != null) {
            old.timer().cancel(false);
            old.token().cancel();
        }
    }

    private void run(K key, CancellationToken token, Consumer<CancellationToken> work) {
        try {
            if (!token.isCancelled()) {
                work.accept(token);
            }
        } catch (Throwable t) {
            if (!token.isCancelled()) {
                onError.accept(t);
            }
        } finally {
            synchronized (this) {
                var current = pending.get(key);
                if (current != null && current.token() == token) {
                    pending.remove(key);
                }
                if (pending.isEmpty() && idleAction != null && !timer.isShutdown()) {
                    Runnable action = idleAction;
                    idleTimer = timer.schedule(() -> workers.execute(() -> runIdle(action)),
                            idleAfter.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void runIdle(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            onError.accept(t);
        }
    }

    /** True while work for {@code key} waits or runs. */
    public synchronized boolean busy(K key) {
        return pending.containsKey(key);
    }

    @Override
    public synchronized void close() {
        pending.keySet().stream().toList().forEach(this::cancel);
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
