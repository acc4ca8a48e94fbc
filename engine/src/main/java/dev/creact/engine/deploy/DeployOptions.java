package dev.creact.engine.deploy;

import java.util.Map;

/**
 * How a deployment runs: at most {@code parallelism} provider calls at once, transient failures retried
 * by {@code retry} (or by a provider's own entry in {@code retryByProvider}), each call given
 * {@code operationTimeout} (its deadline; a provider that cannot finish in time fails transiently), and a
 * stack locked by someone else waited for up to {@code lockTimeout} (zero: refused at once), as
 * Terraform's {@code -lock-timeout}.
 */
public record DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider,
                            java.time.Duration operationTimeout, java.time.Duration lockTimeout) {
    public static final java.time.Duration DEFAULT_OPERATION_TIMEOUT = java.time.Duration.ofMinutes(30);
    public static final DeployOptions DEFAULT = new DeployOptions(10, RetryPolicy.DEFAULT, Map.of());

    public DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider) {
        this(parallelism, retry, retryByProvider, DEFAULT_OPERATION_TIMEOUT);
    }

    public DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider,
                         java.time.Duration operationTimeout) {
        this(parallelism, retry, retryByProvider, operationTimeout, java.time.Duration.ZERO);
    }

    /** The same options, waiting up to {@code timeout} for a stack's lock. */
    public DeployOptions withLockTimeout(java.time.Duration timeout) {
        return new DeployOptions(parallelism, retry, retryByProvider, operationTimeout, timeout);
    }

    public DeployOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        retryByProvider = Map.copyOf(retryByProvider);
        if (operationTimeout == null || operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("the operation timeout must be positive, not " + operationTimeout);
        }
        if (lockTimeout == null || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("the lock timeout cannot be negative, not " + lockTimeout);
        }
    }

    public RetryPolicy retryFor(String provider) {
        return retryByProvider.getOrDefault(provider, retry);
    }
}
