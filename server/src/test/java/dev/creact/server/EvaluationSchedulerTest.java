package dev.creact.server;

import dev.creact.engine.model.CancellationToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationSchedulerTest {
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Test
    void aBurstOfEditsRunsOnlyTheLatest() throws Exception {
        var ran = new CopyOnWriteArrayList<Integer>();
        var done = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(50), errors::add)) {
            for (int i = 1; i <= 5; i++) {
                int edit = i;
                scheduler.schedule("entry", token -> {
                    ran.add(edit);
                    done.countDown();
                });
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            Thread.sleep(150);
            assertEquals(List.of(5), ran);
            assertFalse(scheduler.busy("entry"));
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void theIdleActionRunsOnceAfterABurstAndNotAgainWithoutWork() throws Exception {
        var idle = new java.util.concurrent.atomic.AtomicInteger();
        var ranOnce = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(20), errors::add)) {
            scheduler.whenIdle(Duration.ofMillis(100), () -> {
                idle.incrementAndGet();
                ranOnce.countDown();
            });
            for (int i = 0; i < 3; i++) {
                scheduler.schedule("entry", token -> { });
            }
            assertTrue(ranOnce.await(5, TimeUnit.SECONDS));
            Thread.sleep(400);
            assertEquals(1, idle.get());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void anEditBeforeThePauseEndsPostponesTheIdleAction() throws Exception {
        var idleAt = new CopyOnWriteArrayList<Long>();
        var secondDone = new long[1];
        var ranOnce = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(10), errors::add)) {
            scheduler.whenIdle(Duration.ofMillis(300), () -> {
                idleAt.add(System.nanoTime());
                ranOnce.countDown();
            });
            var firstDone = new CountDownLatch(1);
            scheduler.schedule("entry", token -> firstDone.countDown());
            assertTrue(firstDone.await(5, TimeUnit.SECONDS));
            Thread.sleep(100); // within the pause: the idle action must wait for the next burst to end
            var secondRan = new CountDownLatch(1);
            scheduler.schedule("entry", token -> {
                secondDone[0] = System.nanoTime();
                secondRan.countDown();
            });
            assertTrue(secondRan.await(5, TimeUnit.SECONDS));
            assertTrue(ranOnce.await(5, TimeUnit.SECONDS));
            Thread.sleep(400);
            assertEquals(1, idleAt.size());
            assertTrue(idleAt.getFirst() - secondDone[0] >= TimeUnit.MILLISECONDS.toNanos(290),
                    "the pause is counted from the end of the last work");
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void waitsForTheDelay() throws Exception {
        var started = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(200), errors::add)) {
            long t0 = System.nanoTime();
            var at = new long[1];
            scheduler.schedule("entry", token -> {
                at[0] = System.nanoTime();
                started.countDown();
            });
            assertTrue(scheduler.busy("entry"));
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(at[0] - t0 >= TimeUnit.MILLISECONDS.toNanos(190), "ran after the debounce delay");
        }
    }

    @Test
    void aNewerEditCancelsTheRunningEvaluation() throws Exception {
        var firstRunning = new CountDownLatch(1);
        var firstCancelled = new CountDownLatch(1);
        var secondRan = new CountDownLatch(1);
        var threads = new CopyOnWriteArrayList<String>();
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(10), errors::add)) {
            CancellationToken first = scheduler.schedule("entry", token -> {
                threads.add(Thread.currentThread().getName());
                token.onCancel(firstCancelled::countDown);
                firstRunning.countDown();
                try {
                    firstCancelled.await(5, TimeUnit.SECONDS);  // like user code running until it is interrupted
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(firstRunning.await(5, TimeUnit.SECONDS));
            CancellationToken second = scheduler.schedule("entry", token -> secondRan.countDown());
            assertTrue(first.isCancelled(), "the running evaluation is cancelled at once");
            assertTrue(firstCancelled.await(1, TimeUnit.SECONDS));
            assertTrue(secondRan.await(5, TimeUnit.SECONDS));
            assertFalse(second.isCancelled());
        }
        assertNotEquals(Thread.currentThread().getName(), threads.getFirst(), "work runs off the caller's thread");
    }

    @Test
    void keysAreIndependent() throws Exception {
        var ran = new CopyOnWriteArrayList<String>();
        var done = new CountDownLatch(2);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(20), errors::add)) {
            scheduler.schedule("a", token -> { ran.add("a"); done.countDown(); });
            scheduler.schedule("b", token -> { ran.add("b"); done.countDown(); });
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of("a", "b"), ran.stream().sorted().toList());
    }

    @Test
    void failuresAreReportedNotSwallowed() throws Exception {
        var reported = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(5), t -> reported.countDown())) {
            scheduler.schedule("entry", token -> {
                throw new IllegalStateException("boom");
            });
            assertTrue(reported.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancelDropsWaitingWork() throws Exception {
        var ran = new CountDownLatch(1);
        try (var scheduler = new EvaluationScheduler<String>(Duration.ofMillis(100), errors::add)) {
            var token = scheduler.schedule("entry", t -> ran.countDown());
            scheduler.cancel("entry");
            assertTrue(token.isCancelled());
            assertFalse(ran.await(300, TimeUnit.MILLISECONDS));
            assertFalse(scheduler.busy("entry"));
        }
    }
}
