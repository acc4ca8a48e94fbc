package dev.creact.engine.js;

import java.time.Duration;

/**
 * Limits on one evaluation of user code.
 *
 * @param timeLimit          CPU time of the evaluating thread after which the evaluation is stopped (default
 *                           5 s; a wall-clock backstop of four times as much stops code that blocks)
 * @param maxAllocatedBytes  bytes the evaluating thread may allocate before it is stopped (default 2 GiB).
 *                           GraalJS community has no heap quota of its own; allocation on the evaluating
 *                           thread is what runaway user code drives up, so that is what is capped.
 */
public record SandboxLimits(Duration timeLimit, long maxAllocatedBytes) {
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(5), 2L << 30);

    public SandboxLimits withTimeLimit(Duration limit) {
        return new SandboxLimits(limit, maxAllocatedBytes);
    }

    public SandboxLimits withMaxAllocatedBytes(long bytes) {
        return new SandboxLimits(timeLimit, bytes);
    }
}
