package dev.creact.engine.deploy;

import java.util.Map;

/**
 * How a deployment runs: at most {@code parallelism} provider calls at once, transient failures retried
 * by {@code retry} (or by a provider's own entry in {@code retryByProvider}).
 */
public record DeployOptions(int parallelism, RetryPolicy retry, Map<String, RetryPolicy> retryByProvider) {
    public static final DeployOptions DEFAULT = new DeployOptions(10, RetryPolicy.DEFAULT, Map.of());

    public DeployOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        retryByProvider = Map.copyOf(retryByProvider);
    }

    public RetryPolicy retryFor(String provider) {
        return retryByProvider.getOrDefault(provider, retry);
    }
}
