package dev.creact.engine.deploy;

import java.util.Map;

/**
 * How a deployment runs: at most {@code parallelism} provider calls at once, transient failures retried
 * by {@code retry} (or by a provider's own entry in {@code retryByProvider}), each call given
 * {@code operationTimeout} (its deadline; a provider that cannot finish in time fails transiently).
 */
public record DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider,
                            java.time.Duration operationTimeout) {
    public static final java.time.Duration DEFAULT_OPERATION_TIMEOUT = java.time.Duration.ofMinutes(30);
    public static final DeployOptions DEFAULT = new DeployOptions(10, RetryPolicy.DEFAULT, Map.of());

    public DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider) {
        this(parallelism, retry, retryByProvider, DEFAULT_OPERATION_TIMEOUT);
    }

    public DeployOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        retryByProvider = Map.copyOf(retryByProvider);
        if (operationTimeout == null || operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("the operation timeout must be positive, not " + operationTimeout);
        }
    }

    public RetryPolicy retryFor(String provider) {
        return retryByProvider.getOrDefault(provider, retry);
    }
}
