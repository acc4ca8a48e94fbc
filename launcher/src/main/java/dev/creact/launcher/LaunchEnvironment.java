package dev.creact.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the launch rule looks at besides the user's settings: the environment variables ({@code JAVA_HOME},
 * {@code PATH}, {@code HOME}), the project folder, and whether this is Windows.
 *
 * @param variables  the environment the editor runs in (an IDE may read it from the login shell)
 * @param projectDir the project (workspace) folder; relative settings are resolved against it
 * @param windows    whether executables are {@code java.exe} and {@code creact.cmd}
 */
public record LaunchEnvironment(Map<String, String> variables, Path projectDir, boolean windows) {

    public LaunchEnvironment {
        variables = Map.copyOf(variables);
        projectDir = projectDir.toAbsolutePath().normalize();
    }

    /** This process's environment, for a project at {@code projectDir}. */
    public static LaunchEnvironment current(Path projectDir) {
        return new LaunchEnvironment(System.getenv(), projectDir,
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    /** A variable's value, or empty when it is unset or blank (names ignore case on Windows, as Windows does). */
    public Optional<String> variable(String name) {
        String value = variables.get(name);
        if (value == null && windows) {
            for (var e : variables.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The user's home folder: {@code HOME} (or {@code USERPROFILE}), else the JVM's {@code user.home}. */
    public Path home() {
        return Path.of(variable("HOME").or(() -> variable("USERPROFILE")).orElse(System.getProperty("user.home")));
    }

    /** The folders of {@code PATH}, in order. */
    public List<Path> pathDirectories() {
        var dirs = new ArrayList<Path>();
        for (String dir : variable("PATH").orElse("").split(windows ? ";" : ":")) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        return dirs;
    }

    /** The name of an executable here: {@code java} is {@code java.exe} on Windows. */
    public String executable(String name) {
        return windows ? name + ".exe" : name;
    }

    /** A path from a setting: {@code ~} is the home folder, and a relative path is relative to the project. */
    public Path resolveSetting(String setting) {
        String s = setting.strip();
        if (s.equals("~") || s.startsWith("~/") || s.startsWith("~\\")) {
            s = home() + s.substring(1);
        }
        return projectDir.resolve(s).normalize();
    }
}
