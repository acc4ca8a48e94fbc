package dev.creact.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the server. The rule: the jar setting, when set, must be a file; otherwise
 * {@code cli/target/creact.jar} in the project folder or any folder above it (so a checkout's
 * {@code examples/hello} finds the checkout's jar); otherwise the {@code creact} command on the PATH.
 */
public final class JarFinder {
    static final Path BUILT_JAR = Path.of("cli", "target", "creact.jar");

    private final LaunchEnvironment env;

    public JarFinder(LaunchEnvironment env) {
        this.env = env;
    }

    /** Searches, given the jar setting (blank or null when unset). */
    public JarLookup find(String setting) {
        if (setting != null && !setting.isBlank()) {
            Path jar = env.resolveSetting(setting);
            return Files.isRegularFile(jar) ? new JarLookup.Jar(jar, true) : new JarLookup.BadSetting(jar);
        }
        for (Path dir = env.projectDir(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(BUILT_JAR);
            if (Files.isRegularFile(jar)) {
                return new JarLookup.Jar(jar, false);
            }
        }
        List<String> names = env.windows() ? List.of("creact.cmd", "creact.bat", "creact.exe") : List.of("creact");
        Optional<Path> creact = ExecutableSearch.onPath(env, names);
        return creact.<JarLookup>map(JarLookup.Launcher::new).orElseGet(JarLookup.Missing::new);
    }
}
