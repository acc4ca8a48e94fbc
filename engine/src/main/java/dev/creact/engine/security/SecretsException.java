package dev.creact.engine.security;

/** A secret or audit operation refused, with a message for people (never a value). */
public class SecretsException extends RuntimeException {
    public SecretsException(String message) {
        super(message);
    }

    public SecretsException(String message, Throwable cause) {
        super(message, cause);
    }
}
