package dev.creact.engine.js;

import java.time.Duration;

/**
 * Limits on one evaluation of user code.
 *
 * @param timeLimit          CPU time of the evaluating thread after which the evaluation is stopped (default
 *                           5 s; a wall-clock backstop of four times as much stops code that blocks)
 * @param maxAllocatedBytes  bytes the evaluation may allocate (on the evaluating thread and the transpiler
 *                           threads it waits for) before it is stopped (default 2 GiB). GraalJS community has
 *                           no heap quota of its own; allocation is what runaway user code drives up, so that
 *                           is what is capped. A single typed array, buffer or string is further limited to
 *                           {@link #largestAllocationBytes()}, refused before it is allocated.
 */
public record SandboxLimits(Duration timeLimit, long maxAllocatedBytes) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(5), 2L << 30);

    /** GraalJS's own ceiling on string length (its default for {@code js.string-length-limit}). */
    static final long GRAAL_MAX_STRING_LENGTH = 1_073_741_799L;
    /** GraalJS's own ceiling on typed array length. */
    static final long GRAAL_MAX_TYPED_ARRAY_LENGTH = 2_147_483_639L;

    /**
     * The largest single allocation user code may ask for: the memory cap, and no more than a quarter of
     * the process's maximum heap (so one allocation cannot exhaust the heap of a language server).
     */
    public long largestAllocationBytes() {
        return Math.max(1L << 20, Math.min(maxAllocatedBytes, Runtime.getRuntime().maxMemory() / 4));
    }

    /** Elements a typed array (or bytes an array buffer) may have: its largest kind has 8-byte elements. */
    public long maxTypedArrayLength() {
        return Math.min(GRAAL_MAX_TYPED_ARRAY_LENGTH, largestAllocationBytes() / 8);
    }

    /** Characters a string may have (two bytes each at most). */
    public long maxStringLength() {
        return Math.min(GRAAL_MAX_STRING_LENGTH, largestAllocationBytes() / 2);
    }

    public SandboxLimits withTimeLimit(Duration limit) {
        return new SandboxLimits(limit, maxAllocatedBytes);
    }

    public SandboxLimits withMaxAllocatedBytes(long bytes) {
        return new SandboxLimits(timeLimit, bytes);
    }
}
