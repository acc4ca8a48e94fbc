package dev.creact.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds the Java that runs the server. The rule: the Java setting, when set, is the only candidate (a wrong
 * setting is an error, not something to work around); otherwise {@code $JAVA_HOME/bin/java}, then {@code java}
 * on the PATH, then the {@link InstallFolders usual JDK folders}; the first that is Java
 * {@value #MINIMUM_MAJOR} or newer wins, older ones are passed over.
 */
public final class JavaFinder {
    public static final int MINIMUM_MAJOR = 25;

    private final LaunchEnvironment env;
    private final JavaVersionProbe probe;
    private final InstallFolders installFolders;

    public JavaFinder(LaunchEnvironment env, JavaVersionProbe probe) {
        this(env, probe, InstallFolders.STANDARD);
    }

    public JavaFinder(LaunchEnvironment env, JavaVersionProbe probe, InstallFolders installFolders) {
        this.env = env;
        this.probe = probe;
        this.installFolders = installFolders;
    }

    /** Searches, given the Java setting ({@code java} executable; blank or null when unset). */
    public JavaLookup find(String setting) {
        if (setting != null && !setting.isBlank()) {
            JavaCandidate only = examine(env.resolveSetting(setting), JavaSource.SETTING);
            return only.isAtLeast(MINIMUM_MAJOR) ? new JavaLookup.Found(only) : new JavaLookup.NotFound(List.of(only), true);
        }
        var tried = new ArrayList<JavaCandidate>();
        Set<Path> seen = new HashSet<>();
        Optional<String> javaHome = env.variable("JAVA_HOME");
        if (javaHome.isPresent()) {
            var found = consider(javaIn(Path.of(javaHome.get())), JavaSource.JAVA_HOME, tried, seen);
            if (found.isPresent()) {
                return found.get();
            }
        }
        Optional<Path> onPath = ExecutableSearch.onPath(env, List.of(env.executable("java")));
        if (onPath.isPresent()) {
            var found = consider(onPath.get(), JavaSource.PATH, tried, seen);
            if (found.isPresent()) {
                return found.get();
            }
        }
        for (Path home : installFolders.javaHomes(env)) {
            Path java = javaIn(home);
            if (Files.isRegularFile(java)) {
                var found = consider(java, JavaSource.INSTALL_FOLDER, tried, seen);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        return new JavaLookup.NotFound(tried, false);
    }

    private Optional<JavaLookup> consider(Path java, JavaSource source, List<JavaCandidate> tried, Set<Path> seen) {
        if (!seen.add(java.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        JavaCandidate candidate = examine(java, source);
        if (candidate.isAtLeast(MINIMUM_MAJOR)) {
            return Optional.of(new JavaLookup.Found(candidate));
        }
        tried.add(candidate);
        return Optional.empty();
    }

    private JavaCandidate examine(Path java, JavaSource source) {
        boolean exists = Files.isRegularFile(java);
        return new JavaCandidate(java, source, exists, exists ? probe.majorVersion(java) : OptionalInt.empty());
    }

    private Path javaIn(Path home) {
        return home.resolve("bin").resolve(env.executable("java"));
    }
}
