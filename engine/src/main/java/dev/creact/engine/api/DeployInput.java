package dev.creact.engine.api;

import java.time.Duration;

/**
 * What a stack-changing command works from: the build, the command line that the lock and the deployment
 * record show (who did this), and overrides of the configuration's deploy settings (null: as configured).
 *
 * @param parallelism   at most this many provider calls at once
 * @param maxRetries    retries of a transient provider failure
 * @param retryDelay    the first wait before a retry (doubled each time)
 * @param lockTimeout   how long to wait for the stack's lock when someone else holds it (null or zero: fail at
 *                      once, naming the holder), as Terraform's {@code -lock-timeout}
 */
public record DeployInput(BuildInput build, String commandLine, Integer parallelism, Integer maxRetries,
                          Duration retryDelay, Duration lockTimeout) {
    public DeployInput {
        java.util.Objects.requireNonNull(build, "build");
        commandLine = commandLine == null ? "creact" : commandLine;
    }

    public DeployInput(BuildInput build, String commandLine, Integer parallelism, Integer maxRetries, Duration retryDelay) {
        this(build, commandLine, parallelism, maxRetries, retryDelay, null);
    }

    public static DeployInput of(BuildInput build, String commandLine) {
        return new DeployInput(build, commandLine, null, null, null, null);
    }

    /** The same input, waiting up to {@code timeout} for the stack's lock. */
    public DeployInput withLockTimeout(Duration timeout) {
        return new DeployInput(build, commandLine, parallelism, maxRetries, retryDelay, timeout);
    }

    /** The same input, building with {@code newBuild}. */
    public DeployInput withBuild(BuildInput newBuild) {
        return new DeployInput(newBuild, commandLine, parallelism, maxRetries, retryDelay, lockTimeout);
    }
}
