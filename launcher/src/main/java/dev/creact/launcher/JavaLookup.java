package dev.creact.launcher;

import java.util.List;

/** What the Java search found: a Java 25 or newer, or the list of what it tried instead. */
public sealed interface JavaLookup {

    /** A usable Java. */
    record Found(JavaCandidate java) implements JavaLookup {
    }

    /**
     * No usable Java.
     *
     * @param tried      every candidate looked at, in order (the one setting, when it was set)
     * @param fromSetting whether the setting was set (and so the only candidate)
     */
    record NotFound(List<JavaCandidate> tried, boolean fromSetting) implements JavaLookup {
        public NotFound {
            tried = List.copyOf(tried);
        }
    }
}
