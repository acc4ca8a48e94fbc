package dev.creact.engine.provider;

/**
 * A provider call failed. {@link #isTransient()} says whether trying again may help (a timeout, a
 * throttled API): the deployer retries those with back-off; a permanent failure fails the resource at once.
 */
public class ProviderException extends Exception {
    private final boolean transientFailure;

    public ProviderException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public ProviderException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static ProviderException transientFailure(String message) {
        return new ProviderException(message, true);
    }

    public static ProviderException permanent(String message) {
        return new ProviderException(message, false);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
