package dev.creact.launcher;

import java.nio.file.Path;

/** Where the server comes from: a {@code creact.jar}, the {@code creact} command, or nowhere (and why). */
public sealed interface JarLookup {

    /** A jar to run with a Java of our choosing; {@code fromSetting} says whether the jar setting named it. */
    record Jar(Path jar, boolean fromSetting) implements JarLookup {
    }

    /** No jar, but the {@code creact} command on the PATH, which finds a Java by the same rule itself. */
    record Launcher(Path creact) implements JarLookup {
    }

    /** The jar setting names something that is not a file. */
    record BadSetting(Path configured) implements JarLookup {
    }

    /** Neither a jar nor the {@code creact} command. */
    record Missing() implements JarLookup {
    }
}
