package dev.creact.engine.provider;

import dev.creact.engine.model.CancellationToken;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What a provider call may know about its own circumstances: whether the deployment was cancelled (stop
 * early if the work allows, and say so), by when it should be done, and where to tell how it is going (a
 * line of progress, such as a Terraform resource created, shown to the user). It carries nothing about
 * other resources, the plan, retries or state.
 *
 * @param cancellation cancelled when the user stops the deployment
 * @param deadline     when the call should have finished (a provider that cannot finish in time fails
 *                     transiently, so the deployer may retry)
 * @param progress     takes one line of progress at a time (never a secret: providers redact first)
 */
public record OperationContext(CancellationToken cancellation, Instant deadline, Consumer<String> progress) {
    /** No cancellation and a deadline far away: for tools and tests that call a provider directly. */
    public static final OperationContext NONE = new OperationContext(CancellationToken.NONE, Instant.MAX);

    public OperationContext {
        java.util.Objects.requireNonNull(cancellation, "cancellation");
        java.util.Objects.requireNonNull(deadline, "deadline");
        progress = progress == null ? line -> { } : progress;
    }

    public OperationContext(CancellationToken cancellation, Instant deadline) {
        this(cancellation, deadline, null);
    }

    public static OperationContext within(CancellationToken cancellation, Duration timeout) {
        return new OperationContext(cancellation, Instant.now().plus(timeout));
    }

    /** The same context reporting progress to {@code sink}. */
    public OperationContext withProgress(Consumer<String> sink) {
        return new OperationContext(cancellation, deadline, sink);
    }

    public boolean cancelled() {
        return cancellation.isCancelled();
    }

    /** Time left until the deadline (zero once it passed). */
    public Duration remaining() {
        if (deadline.equals(Instant.MAX)) {
            return Duration.ofDays(365);
        }
        var left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
