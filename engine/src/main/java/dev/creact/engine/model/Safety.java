package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a change may be applied without asking (dev mode applies safe changes at once and asks before
 * unsafe ones), and why. Decided by the engine from what the construct declares, before any provider is
 * called; providers have no say.
 *
 * @param level  safe or unsafe
 * @param reason for people: {@code creates a resource}, {@code content is declared safe by local:File},
 *               {@code path is not declared safe by local:File}
 */
public record Safety(Level level, String reason) {
    /** The two classes of change. */
    public enum Level {
        SAFE, UNSAFE;

        @JsonValue
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Safety safe(String reason) {
        return new Safety(Level.SAFE, reason);
    }

    public static Safety unsafe(String reason) {
        return new Safety(Level.UNSAFE, reason);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSafe() {
        return level == Level.SAFE;
    }
}
