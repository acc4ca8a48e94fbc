package dev.creact.engine.js;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one evaluation has used so far, and whether it has been told to stop. Its work runs on the
 * evaluating thread and on the transpiler's threads it waits for (swc runs on threads of its own, with
 * stacks sized for the file); both count: the CPU time of each, and the bytes each allocated.
 */
public final class EvaluationMeter {
    /** Work done on another thread for an evaluation. */
    interface Helper {
        /** CPU time used so far (its final figure once the work has ended). */
        long cpuNanos();

        /** Bytes allocated so far (its final figure once the work has ended). */
        long allocatedBytes();
    }

    /** Why an evaluation was stopped, in words for the user. */
    public record Stop(JsEvaluationException.Kind kind, String reason) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long threadId;
    private final long cpuAtStart;
    private final long allocatedAtStart;
    private final Set<Tracked> helpers = ConcurrentHashMap.newKeySet();
    private final AtomicLong finishedCpu = new AtomicLong();
    private final AtomicLong finishedAllocated = new AtomicLong();
    private final AtomicReference<Stop> stop = new AtomicReference<>();

    private record Tracked(Helper helper, long cpuAtStart, long allocatedAtStart) {
    }

    private EvaluationMeter(long threadId) {
        this.threadId = threadId;
        this.cpuAtStart = threadId < 0 ? 0 : THREADS.getThreadCpuTime(threadId);
        this.allocatedAtStart = threadId < 0 ? 0 : THREADS.getThreadAllocatedBytes(threadId);
    }

    /** A meter for an evaluation running on the calling thread. */
    public static EvaluationMeter forCurrentThread() {
        return new EvaluationMeter(Thread.currentThread().threadId());
    }

    /** A meter that measures nothing and is never stopped (warm-up, tools). */
    public static EvaluationMeter unmetered() {
        return new EvaluationMeter(-1);
    }

    /** CPU time of the evaluating thread and its helpers since the evaluation started. */
    public long cpuNanos() {
        long total = finishedCpu.get();
        if (threadId >= 0) {
            total += Math.max(0, THREADS.getThreadCpuTime(threadId) - cpuAtStart);
        }
        for (var t : helpers) {
            total += Math.max(0, t.helper().cpuNanos() - t.cpuAtStart());
        }
        return total;
    }

    /** Bytes the evaluating thread and its helpers allocated since the evaluation started. */
    public long allocatedBytes() {
        long total = finishedAllocated.get();
        if (threadId >= 0) {
            total += Math.max(0, THREADS.getThreadAllocatedBytes(threadId) - allocatedAtStart);
        }
        for (var t : helpers) {
            total += Math.max(0, t.helper().allocatedBytes() - t.allocatedAtStart());
        }
        return total;
    }

    /** Counts {@code helper}'s work from now until the returned handle is run. */
    Runnable track(Helper helper) {
        var tracked = new Tracked(helper, helper.cpuNanos(), helper.allocatedBytes());
        if (threadId < 0) {
            return () -> { };
        }
        helpers.add(tracked);
        return () -> {
            if (helpers.remove(tracked)) {
                finishedCpu.addAndGet(Math.max(0, helper.cpuNanos() - tracked.cpuAtStart()));
                finishedAllocated.addAndGet(Math.max(0, helper.allocatedBytes() - tracked.allocatedAtStart()));
            }
        };
    }

    /** Asks the evaluation to stop; true if this was the first reason given. */
    public boolean stop(JsEvaluationException.Kind kind, String reason) {
        return threadId >= 0 && stop.compareAndSet(null, new Stop(kind, reason));
    }

    /** Why the evaluation was stopped, or null while it may go on. */
    public Stop stopped() {
        return stop.get();
    }

    /** The CPU time and allocation of a thread, read from the JVM while it runs. */
    static long threadCpuNanos(long id) {
        return THREADS.getThreadCpuTime(id);
    }

    static long threadAllocatedBytes(long id) {
        return THREADS.getThreadAllocatedBytes(id);
    }
}
