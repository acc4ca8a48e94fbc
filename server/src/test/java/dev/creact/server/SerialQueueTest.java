package dev.creact.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialQueueTest {
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Test
    void requestsDuringARunGiveOneMoreRunAfterIt() throws Exception {
        var pool = Executors.newCachedThreadPool();
        try {
            var ran = new CopyOnWriteArrayList<String>();
            var running = new AtomicInteger();
            var maxRunning = new AtomicInteger();
            var started = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var queue = new SerialQueue<String>(pool, key -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                ran.add(key);
                started.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
            }, errors::add);
            queue.submit("stack");
            assertTrue(started.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 5; i++) {
                queue.submit("stack"); // saves while the first cycle runs
            }
            queue.submit("other");
            assertTrue(queue.busy());
            release.countDown();
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("stack", "stack", "other"), ran, "one more run per key, in order");
            assertEquals(1, maxRunning.get(), "never two at once");
            assertFalse(queue.busy());
            queue.submit("stack");
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(4, ran.size(), "a request after the queue drained runs again");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void aFailingRunIsReportedAndTheQueueGoesOn() throws Exception {
        var pool = Executors.newCachedThreadPool();
        try {
            var ran = new CopyOnWriteArrayList<String>();
            var queue = new SerialQueue<String>(pool, key -> {
                ran.add(key);
                if (key.equals("bad")) {
                    throw new IllegalStateException("boom");
                }
            }, errors::add);
            queue.submit("bad");
            queue.submit("good");
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertTrue(ran.containsAll(List.of("bad", "good")));
            assertEquals(1, errors.size());
            assertEquals("boom", errors.getFirst().getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdleQueueIsIdleAtOnce() {
        var queue = new SerialQueue<String>(Runnable::run, key -> { }, errors::add);
        assertTrue(queue.awaitIdle(Duration.ZERO));
        assertFalse(queue.busy());
    }
}
