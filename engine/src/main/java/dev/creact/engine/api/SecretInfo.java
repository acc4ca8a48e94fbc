package dev.creact.engine.api;

/**
 * A stack secret as clients see it: its name, and when it was created and last changed (ISO-8601). Never
 * its value; {@code version} is a random id that changes with the value (what plans compare).
 */
public record SecretInfo(String name, String version, String created, String updated) {
}
