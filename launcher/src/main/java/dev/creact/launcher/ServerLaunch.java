package dev.creact.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The launch rule in one call: find the server ({@link JarFinder}), then, for a jar, a Java 25
 * ({@link JavaFinder}), and build the command line ({@link ServerCommand}). Problems come back as messages that
 * say what was found and what to change.
 */
public final class ServerLaunch {
    public static final String TEMURIN_URL = "https://adoptium.net/temurin/releases/?version=25";

    private final LaunchEnvironment env;
    private final JavaVersionProbe probe;
    private final InstallFolders installFolders;
    private final SettingNames names;

    public ServerLaunch(LaunchEnvironment env, JavaVersionProbe probe, InstallFolders installFolders, SettingNames names) {
        this.env = env;
        this.probe = probe;
        this.installFolders = installFolders;
        this.names = names;
    }

    /** The rule as editors use it: versions from running {@code java}, the {@link InstallFolders#STANDARD} folders. */
    public static ServerLaunch standard(LaunchEnvironment env, SettingNames names) {
        return new ServerLaunch(env, new ProcessJavaVersionProbe(), InstallFolders.STANDARD, names);
    }

    /**
     * Runs {@code java -version} on candidates, so call it off the editor's UI thread.
     *
     * @param javaSetting the Java setting ({@code java} executable), blank or null when unset
     * @param jarSetting  the jar setting, blank or null when unset
     */
    public Launch resolve(String javaSetting, String jarSetting) {
        JarLookup server = new JarFinder(env).find(jarSetting);
        return switch (server) {
            case JarLookup.BadSetting bad -> new Launch.Problem(Setting.JAR_PATH, "creact: " + names.jarPath() + " is "
                    + bad.configured() + ", which is not a file. Point it at creact.jar, then " + names.restart() + ".");
            case JarLookup.Missing missing -> new Launch.Problem(Setting.JAR_PATH, "creact: cannot find creact.jar. Set "
                    + names.jarPath() + " to it (build it with `bin/creact --version` or `mvn -pl cli -am package`, which"
                    + " makes cli/target/creact.jar), or put the `creact` command on the PATH; then " + names.restart() + ".");
            case JarLookup.Launcher launcher -> viaLauncher(launcher.creact(), javaSetting);
            case JarLookup.Jar jar -> withJava(jar, javaSetting);
        };
    }

    /** {@code creact lsp} finds its own Java 25; a Java setting reaches it as {@code JAVA_HOME}. */
    private Launch viaLauncher(Path creact, String javaSetting) {
        if (javaSetting == null || javaSetting.isBlank()) {
            return new Launch.Ready(ServerCommand.forLauncher(creact), Map.of(),
                    "starting " + creact + " lsp (no creact.jar found; the creact command finds a Java 25 itself)");
        }
        Path java = env.resolveSetting(javaSetting);
        Path home = java.getParent() == null || java.getParent().getParent() == null ? java : java.getParent().getParent();
        return new Launch.Ready(ServerCommand.forLauncher(creact), Map.of("JAVA_HOME", home.toString()),
                "starting " + creact + " lsp with JAVA_HOME=" + home + " (from the Java setting)");
    }

    private Launch withJava(JarLookup.Jar jar, String javaSetting) {
        JavaLookup java = new JavaFinder(env, probe, installFolders).find(javaSetting);
        if (java instanceof JavaLookup.Found found) {
            var candidate = found.java();
            return new Launch.Ready(ServerCommand.forJar(candidate.java(), jar.jar()), Map.of(),
                    "starting " + candidate.java() + " (Java " + candidate.major().getAsInt() + ", from "
                            + candidate.source().label() + ") -jar " + jar.jar() + " lsp");
        }
        var notFound = (JavaLookup.NotFound) java;
        String what = notFound.tried().isEmpty()
                ? "No Java was found ($JAVA_HOME is not set, there is no `java` on the PATH, and none in the usual JDK folders)."
                : "Found only " + notFound.tried().stream().map(JavaCandidate::describe).collect(Collectors.joining(", ")) + ".";
        return new Launch.Problem(Setting.JAVA_PATH, "creact: the language server needs Java " + JavaFinder.MINIMUM_MAJOR
                + " or newer. " + what + " Install Temurin " + JavaFinder.MINIMUM_MAJOR + " (" + TEMURIN_URL + ") and set "
                + names.javaPath() + " to its bin/java (or set JAVA_HOME), then " + names.restart() + ".");
    }
}
