package dev.creact.engine.js;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Whether the process's heap is nearly full of live data while an evaluation runs, read from what the
 * garbage collector left after its latest collection (so garbage waiting to be collected does not count).
 * An evaluation that fills the heap is stopped before the whole process (a language server with many open
 * files, say) runs out of memory. Which code holds the memory cannot be told apart, so only an evaluation
 * that has itself allocated a tenth of the heap, and only a collection made since it started (an older
 * reading may describe memory that is garbage by now), can stop it.
 */
final class HeapHeadroom {
    /** Stop when more than this share of the maximum heap is still in use after a collection. */
    static final double NEARLY_FULL = 0.9;

    private final long collectionsAtStart = collections();

    /**
     * "930 of 1024 MiB in use after garbage collection" when the heap is nearly full and this evaluation
     * (which allocated {@code allocatedBytes}) may be why, else null. Nearly full: the heap pools together,
     * or the largest of them (the old generation, where live data ends up, and which may be smaller than
     * the whole heap), hold more than {@link #NEARLY_FULL} of their maximum.
     */
    String nearlyFull(long allocatedBytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (max <= 0 || max == Long.MAX_VALUE || allocatedBytes < max / 10 || collections() == collectionsAtStart) {
            return null;
        }
        long used = 0;
        long largestMax = -1;
        long largestUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            var usage = pool.getCollectionUsage();
            if (usage == null) {
                continue;
            }
            used += usage.getUsed();
            long poolMax = pool.getUsage().getMax();
            if (poolMax > largestMax) {
                largestMax = poolMax;
                largestUsed = usage.getUsed();
            }
        }
        if (used > NEARLY_FULL * max || largestMax > 0 && largestUsed > NEARLY_FULL * largestMax) {
            return (used >> 20) + " of " + (max >> 20) + " MiB in use after garbage collection";
        }
        return null;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
