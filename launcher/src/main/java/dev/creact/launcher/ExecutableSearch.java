package dev.creact.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a program on the PATH the way a shell does: the first folder that has an executable file of that name. */
final class ExecutableSearch {
    private ExecutableSearch() {
    }

    static Optional<Path> onPath(LaunchEnvironment env, List<String> names) {
        for (Path dir : env.pathDirectories()) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
