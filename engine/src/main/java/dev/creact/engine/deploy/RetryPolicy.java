package dev.creact.engine.deploy;

import java.time.Duration;

/**
 * How transient provider failures are retried: up to {@code maxRetries} more attempts, waiting
 * {@code delay}, then twice that, and so on, never more than {@code maxDelay}.
 */
public record RetryPolicy(int maxRetries, Duration delay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10));

    public Duration delayBefore(int retry) {
        long millis = delay.toMillis() << Math.min(20, Math.max(0, retry - 1));
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
