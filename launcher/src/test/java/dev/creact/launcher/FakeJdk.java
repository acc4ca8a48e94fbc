package dev.creact.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * JDK folders for tests: {@code bin/java} is a shell script that either runs the real JDK running the tests, or
 * answers {@code -XshowSettings:properties -version} like an older Java would.
 */
final class FakeJdk {
    private FakeJdk() {
    }

    /** A folder whose {@code bin/java} is the test's own JDK 25, under another name. */
    static Path current(Path home) throws IOException {
        return script(home, "exec '" + Repository.runningJava() + "' \"$@\"\n");
    }

    /** A folder whose {@code bin/java} says it is Java {@code major} (on stderr, as java does). */
    static Path old(Path home, int major) throws IOException {
        return script(home, "cat >&2 <<'OUT'\nProperty settings:\n    java.specification.version = " + major
                + "\n    java.vendor = Fake\n\nopenjdk version \"" + major + ".0.2\" 2022-01-18\nOUT\n");
    }

    /** An executable file called {@code name} in {@code dir} that does nothing. */
    static Path executable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A folder whose {@code bin/java} runs {@code body} (a POSIX shell script). */
    static Path script(Path home, String body) throws IOException {
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }
}
