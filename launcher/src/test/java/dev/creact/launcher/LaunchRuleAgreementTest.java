package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/creact} (through {@code scripts/java-env.sh}), the VS Code extension and this launcher follow one
 * rule. The Java search is compared by running the real shell function next to {@link JavaFinder} in the same
 * environment; the lists that the shell script and the extension spell out again are compared as text.
 */
class LaunchRuleAgreementTest {
    private static final Path ROOT = Repository.root();

    @TempDir
    Path dir;

    /** What {@code creact_find_java} picks in this environment: {@code $JAVA_HOME/bin/java}, or empty. */
    private Optional<Path> shellChoice(Map<String, String> variables) throws IOException, InterruptedException {
        var pb = new ProcessBuilder("bash", "-c", ". scripts/java-env.sh; creact_find_java >/dev/null 2>&1 && printf '%s' \"$JAVA_HOME\"")
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(variables);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        return code == 0 && !out.isEmpty() ? Optional.of(Path.of(out, "bin", "java").toRealPath()) : Optional.empty();
    }

    /** What the launcher picks in the same environment. */
    private Optional<Path> launcherChoice(Map<String, String> variables) throws IOException {
        var lookup = new JavaFinder(new LaunchEnvironment(variables, dir, false), new ProcessJavaVersionProbe()).find("");
        return lookup instanceof JavaLookup.Found found ? Optional.of(found.java().java().toRealPath()) : Optional.empty();
    }

    private Map<String, String> environment(Path javaHome, Path firstOnPath) {
        var variables = new HashMap<String, String>();
        variables.put("HOME", dir.resolve("home").toString());
        // The shell function needs sed, head and readlink; /usr/bin may hold a java too, as on a real machine.
        variables.put("PATH", (firstOnPath == null ? "" : firstOnPath + ":") + "/usr/bin:/bin");
        if (javaHome != null) {
            variables.put("JAVA_HOME", javaHome.toString());
        }
        return variables;
    }

    private void assertSameChoice(Map<String, String> variables, Path expected) throws Exception {
        Optional<Path> shell = shellChoice(variables);
        Optional<Path> launcher = launcherChoice(variables);
        assertEquals(shell, launcher, "scripts/java-env.sh and the launcher chose differently in " + variables);
        if (expected != null) {
            assertEquals(Optional.of(expected.toRealPath()), launcher);
        }
    }

    @Test
    @DisplayName("a JAVA_HOME that is Java 25 is chosen by both")
    @DisabledOnOs(OS.WINDOWS)
    void javaHome() throws Exception {
        Path java25 = FakeJdk.current(dir.resolve("jdk25"));
        FakeJdk.current(dir.resolve("other25"));
        assertSameChoice(environment(dir.resolve("jdk25"), dir.resolve("other25/bin")), java25);
    }

    @Test
    @DisplayName("an old JAVA_HOME: both take the Java 25 on the PATH, before any JDK folder")
    @DisabledOnOs(OS.WINDOWS)
    void pathAfterOldJavaHome() throws Exception {
        FakeJdk.old(dir.resolve("jdk17"), 17);
        Path java25 = FakeJdk.current(dir.resolve("jdk25"));
        assertSameChoice(environment(dir.resolve("jdk17"), dir.resolve("jdk25/bin")), java25);
    }

    @Test
    @DisplayName("only old Javas in JAVA_HOME and on the PATH: both fall back to the same JDK folder, or both give up")
    @DisabledOnOs(OS.WINDOWS)
    void installFolders() throws Exception {
        FakeJdk.old(dir.resolve("jdk11"), 11);
        FakeJdk.old(dir.resolve("jdk17"), 17);
        assertSameChoice(environment(dir.resolve("jdk11"), dir.resolve("jdk17/bin")), null);
    }

    @Test
    @DisplayName("scripts/java-env.sh and the VS Code extension list the launcher's JDK folders, in its order")
    void folderLists() throws IOException {
        String shell = Files.readString(ROOT.resolve("scripts/java-env.sh"));
        Matcher loop = Pattern.compile("for candidate in \"\\$\\{JAVA_HOME:-}\" \"\\$path_home\" (.*?); do", Pattern.DOTALL)
                .matcher(shell);
        assertTrue(loop.find(), "the candidate loop of creact_find_java");
        List<String> shellFolders = new ArrayList<>();
        for (String word : loop.group(1).replace("\\\n", " ").trim().split("\\s+")) {
            shellFolders.add(word.replace("\"$HOME\"", "~"));
        }
        assertEquals(InstallFolders.PATTERNS, shellFolders, "scripts/java-env.sh");
        assertEquals(InstallFolders.PATTERNS, stringsOf(extensionArray("JDK_FOLDERS")), "vscode-extension/src/extension.ts");
    }

    @Test
    @DisplayName("bin/creact lsp and the VS Code extension start the JVM with the launcher's options")
    void jvmOptions() throws IOException {
        String creact = Files.readString(ROOT.resolve("bin/creact"));
        Matcher lsp = Pattern.compile("if \\[ \"\\$\\{1:-}\" = \"lsp\" ].*?JAVA_OPTS=\\((.*?)\\)", Pattern.DOTALL).matcher(creact);
        assertTrue(lsp.find(), "the lsp branch of bin/creact");
        assertEquals(ServerCommand.JVM_OPTIONS, List.of(lsp.group(1).replace("\\\n", " ").trim().split("\\s+")), "bin/creact");
        assertEquals(ServerCommand.JVM_OPTIONS, stringsOf(extensionArray("JVM_OPTIONS")), "vscode-extension/src/extension.ts");
    }

    private static String extensionArray(String name) throws IOException {
        String ts = Files.readString(ROOT.resolve("vscode-extension/src/extension.ts"));
        Matcher m = Pattern.compile("const " + name + " = \\[(.*?)];", Pattern.DOTALL).matcher(ts);
        assertTrue(m.find(), "const " + name + " in extension.ts");
        return m.group(1);
    }

    private static List<String> stringsOf(String arrayBody) {
        var strings = new ArrayList<String>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(arrayBody);
        while (m.find()) {
            strings.add(m.group(1));
        }
        return strings;
    }
}
