package dev.creact.engine.deploy;

import dev.creact.engine.model.CancellationToken;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/**
 * Walks a graph of work items as Terraform's graph walker does, knowing nothing of what the items are: an
 * item starts as soon as every item it waits for has succeeded, at most {@code parallelism} at a time,
 * the ready ones in {@code priority} order. A failed item's followers (transitively) are skipped with
 * the reason; independent branches go on. When {@code token} is cancelled (or {@code mayStart} says no)
 * no new item starts, the running ones finish, and the rest are reported as not started.
 */
final class GraphWalk {
    /** Runs one item; returns null when it succeeded, else why it failed. */
    @FunctionalInterface
    interface Work {
        String run(String item);
    }

    /** Told as items start and end, on the walking thread. */
    interface Observer {
        default void started(String item) {
        }

        /** {@code error} is null on success. */
        default void finished(String item, String error, long millis) {
        }

        default void skipped(String item, String reason) {
        }
    }

    /** What happened: the items that succeeded in the order they did, those that failed and those skipped, with why. */
    record Result(List<String> completed, Map<String, String> failed, Map<String, String> skipped, boolean cancelled) {
    }

    private record Done(String item, String error, long millis) {
    }

    private GraphWalk() {
    }

    /**
     * @param waitsFor  every item, with the items it waits for (items outside the map are ignored)
     * @param priority  which ready item goes first
     * @param mayStart  asked before each start; false stops the walk as a cancellation does
     */
    static Result walk(Map<String, Set<String>> waitsFor, Comparator<String> priority, int parallelism, Work work,
                       Observer observer, CancellationToken token, BooleanSupplier mayStart) {
        var followers = new HashMap<String, List<String>>();
        var waiting = new HashMap<String, Integer>();
        waitsFor.forEach((item, pre) -> {
            int n = 0;
            for (String p : pre) {
                if (waitsFor.containsKey(p) && !p.equals(item)) {
                    followers.computeIfAbsent(p, k -> new ArrayList<>()).add(item);
                    n++;
                }
            }
            waiting.put(item, n);
        });
        var ready = new PriorityQueue<String>(priority);
        waiting.forEach((item, n) -> {
            if (n == 0) {
                ready.add(item);
            }
        });
        var completed = Collections.synchronizedList(new ArrayList<String>());
        var failed = new LinkedHashMap<String, String>();
        var skipped = new LinkedHashMap<String, String>();
        var results = new LinkedBlockingQueue<Done>();
        // Virtual threads: starting one costs a fraction of a platform thread, and the walk itself bounds
        // how many items are in flight.
        ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("creact-deploy-", 0).factory());
        int finished = 0;
        int inFlight = 0;
        boolean cancelled = false;
        try {
            while (finished < waitsFor.size()) {
                if (token.isCancelled()) {
                    cancelled = true;
                }
                while (!cancelled && inFlight < parallelism && !ready.isEmpty()) {
                    if (!mayStart.getAsBoolean()) {
                        cancelled = true;
                        break;
                    }
                    String item = ready.poll();
                    inFlight++;
                    observer.started(item);
                    pool.execute(() -> {
                        long start = System.nanoTime();
                        String error;
                        try {
                            error = work.run(item);
                        } catch (java.io.UncheckedIOException e) {
                            error = e.getMessage(); // a file that could not be written (the journal): its path and errno
                        } catch (RuntimeException e) {
                            error = "internal error: " + e;
                        }
                        results.add(new Done(item, error, (System.nanoTime() - start) / 1_000_000));
                    });
                }
                if (inFlight == 0) {
                    // Nothing running and nothing ready: the rest was cancelled.
                    for (var e : waiting.entrySet()) {
                        if (e.getValue() >= 0) {
                            skipped.put(e.getKey(), cancelled ? "not started: the deployment was cancelled" : "not started");
                        }
                    }
                    break;
                }
                Done done;
                try {
                    done = results.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    token.cancel();
                    continue;
                }
                inFlight--;
                finished++;
                waiting.put(done.item(), -1);
                observer.finished(done.item(), done.error(), done.millis());
                if (done.error() == null) {
                    completed.add(done.item());
                    for (String f : followers.getOrDefault(done.item(), List.of())) {
                        if (waiting.merge(f, -1, Integer::sum) == 0) {
                            ready.add(f);
                        }
                    }
                } else {
                    failed.put(done.item(), done.error());
                    finished += skipFollowers(done.item(), followers, waiting, skipped, observer);
                }
            }
        } finally {
            pool.shutdown();
        }
        return new Result(List.copyOf(completed), failed, skipped, cancelled || token.isCancelled());
    }

    private static int skipFollowers(String item, Map<String, List<String>> followers, Map<String, Integer> waiting,
                                     Map<String, String> skipped, Observer observer) {
        int count = 0;
        var queue = new ArrayDeque<>(followers.getOrDefault(item, List.of()));
        while (!queue.isEmpty()) {
            String f = queue.poll();
            if (waiting.getOrDefault(f, -1) < 0) {
                continue;
            }
            waiting.put(f, -1);
            count++;
            String reason = "skipped: it depends on '" + item + "', which failed";
            skipped.put(f, reason);
            observer.skipped(f, reason);
            queue.addAll(followers.getOrDefault(f, List.of()));
        }
        return count;
    }
}
