package dev.creact.launcher;

import java.nio.file.Path;
import java.util.OptionalInt;

/** Tells which Java feature release an executable is; a seam so the search order can be tested without JDKs. */
@FunctionalInterface
public interface JavaVersionProbe {
    /** The major version {@code java} reports (1.8 counts as 8), or empty when it does not run or says nothing. */
    OptionalInt majorVersion(Path java);
}
