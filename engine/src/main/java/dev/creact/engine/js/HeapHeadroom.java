package dev.creact.engine.js;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Whether the process's heap is nearly full of live data, read from what the garbage collector left after
 * its latest collection (so garbage waiting to be collected does not count). An evaluation that runs while
 * the heap fills up is stopped before the whole process (a language server with many open files, say)
 * runs out of memory; which evaluation holds the memory cannot be told apart, and user code is the
 * likeliest to.
 */
final class HeapHeadroom {
    /** Stop when more than this share of the maximum heap is still in use after a collection. */
    static final double NEARLY_FULL = 0.9;

    private HeapHeadroom() {
    }

    /** "930 of 1024 MiB in use after garbage collection" when the heap is nearly full, else null. */
    static String nearlyFull() {
        long max = Runtime.getRuntime().maxMemory();
        if (max <= 0 || max == Long.MAX_VALUE) {
            return null;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isCollectionUsageThresholdSupported()) {
                continue;
            }
            var usage = pool.getCollectionUsage();
            if (usage != null) {
                used += usage.getUsed();
            }
        }
        return used > NEARLY_FULL * max ? (used >> 20) + " of " + (max >> 20) + " MiB in use after garbage collection"
                : null;
    }
}
