package dev.creact.launcher;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A {@code java} executable the rule looked at, and what it turned out to be.
 *
 * @param java   the executable
 * @param source where it came from
 * @param exists whether the file is there at all
 * @param major  the version it reported; empty when it is missing or did not run
 */
public record JavaCandidate(Path java, JavaSource source, boolean exists, OptionalInt major) {

    public boolean isAtLeast(int wanted) {
        return major.isPresent() && major.getAsInt() >= wanted;
    }

    /** For messages: {@code /usr/bin/java (Java 17)}, {@code … (does not run)}, {@code … (missing)}. */
    public String describe() {
        String what = !exists ? "missing" : major.isPresent() ? "Java " + major.getAsInt() : "does not run";
        return java + " (" + what + ", from " + source.label() + ")";
    }
}
