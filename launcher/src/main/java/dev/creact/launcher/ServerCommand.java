package dev.creact.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The server's command line: {@code java <JVM options> -jar creact.jar lsp}, or {@code creact lsp}. */
public final class ServerCommand {
    /**
     * The JVM options of a long-lived {@code creact lsp}, the same as {@code bin/creact lsp} uses: GraalJS and
     * swc4j need native access and a deep stack; the server re-evaluates on every keystroke, so HotSpot's
     * optimising compiler (C2) is left on, and G1 with a bounded heap hands idle memory back.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Xss16m",
            "-XX:+UseG1GC",
            "-Xmx1g",
            "-XX:G1PeriodicGCInterval=30000");

    private ServerCommand() {
    }

    public static List<String> forJar(Path java, Path jar) {
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.add("lsp");
        return List.copyOf(command);
    }

    public static List<String> forLauncher(Path creact) {
        return List.of(creact.toString(), "lsp");
    }
}
