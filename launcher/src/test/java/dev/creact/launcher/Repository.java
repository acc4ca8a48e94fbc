package dev.creact.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** The creact checkout these tests run in (Maven runs them in {@code launcher/}). */
final class Repository {
    private Repository() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/creact")) && Files.isRegularFile(dir.resolve("scripts/java-env.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a creact checkout: " + Path.of("").toAbsolutePath());
    }

    /** The Java running these tests: a JDK 25, as the build requires. */
    static Path runningJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
