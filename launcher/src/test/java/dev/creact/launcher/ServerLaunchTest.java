package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole rule with real processes: fake JDK folders whose java is a script, and the test's own JDK 25. */
@DisabledOnOs(OS.WINDOWS)
class ServerLaunchTest {
    private static final SettingNames NAMES = new SettingNames("the Java setting", "the jar setting", "restart");

    @TempDir
    Path dir;

    private Launch resolve(String javaSetting, String jarSetting, Map<String, String> variables) {
        var env = new LaunchEnvironment(variables, dir.resolve("project"), false);
        return new ServerLaunch(env, new ProcessJavaVersionProbe(), new InstallFolders(List.of()), NAMES)
                .resolve(javaSetting, jarSetting);
    }

    private Path jar() throws IOException {
        Path jar = dir.resolve("project/cli/target/creact.jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "PK");
    }

    @Test
    @DisplayName("jar and Java 25: java, the long-running JVM options, -jar, the jar, lsp")
    void commandLine() throws IOException {
        Path jar = jar();
        Path java = FakeJdk.current(dir.resolve("jdk25"));
        var ready = assertInstanceOf(Launch.Ready.class,
                resolve("", "", Map.of("JAVA_HOME", dir.resolve("jdk25").toString())));
        var expected = new ArrayList<String>();
        expected.add(java.toString());
        expected.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xss16m",
                "-XX:+UseG1GC", "-Xmx1g", "-XX:G1PeriodicGCInterval=30000"));
        expected.addAll(List.of("-jar", jar.toString(), "lsp"));
        assertEquals(expected, ready.command());
        assertEquals(Map.of(), ready.environment());
        assertEquals("starting " + java + " (Java " + Runtime.version().feature() + ", from JAVA_HOME) -jar " + jar + " lsp",
                ready.summary());
    }

    @Test
    @DisplayName("only an older Java: a problem naming what was found, the Java setting, and Temurin 25")
    void onlyOldJava() throws IOException {
        jar();
        Path old = FakeJdk.old(dir.resolve("jdk17"), 17);
        var problem = assertInstanceOf(Launch.Problem.class,
                resolve("", "", Map.of("PATH", old.getParent().toString())));
        assertEquals(Setting.JAVA_PATH, problem.setting());
        assertEquals("creact: the language server needs Java 25 or newer. Found only " + old
                + " (Java 17, from the PATH). Install Temurin 25 (https://adoptium.net/temurin/releases/?version=25) and set"
                + " the Java setting to its bin/java (or set JAVA_HOME), then restart.", problem.message());
    }

    @Test
    @DisplayName("no Java at all: the problem says where it looked")
    void noJava() throws IOException {
        jar();
        var problem = assertInstanceOf(Launch.Problem.class, resolve("", "", Map.of("PATH", dir.resolve("empty").toString())));
        assertTrue(problem.message().contains("No Java was found ($JAVA_HOME is not set, there is no `java` on the PATH,"
                + " and none in the usual JDK folders)."), problem.message());
    }

    @Test
    @DisplayName("no jar and no creact command: a problem naming the jar setting and how to build the jar")
    void noJar() {
        var problem = assertInstanceOf(Launch.Problem.class, resolve("", "", Map.of("PATH", dir.resolve("empty").toString())));
        assertEquals(Setting.JAR_PATH, problem.setting());
        assertTrue(problem.message().startsWith("creact: cannot find creact.jar. Set the jar setting to it (build it with"
                + " `bin/creact --version`"), problem.message());
    }

    @Test
    @DisplayName("a jar setting that is not a file: a problem naming the path")
    void badJarSetting() {
        var problem = assertInstanceOf(Launch.Problem.class, resolve("", "missing.jar", Map.of()));
        assertEquals("creact: the jar setting is " + dir.resolve("project/missing.jar")
                + ", which is not a file. Point it at creact.jar, then restart.", problem.message());
    }

    @Test
    @DisplayName("the creact command gets the Java setting as JAVA_HOME, unchecked (it checks it itself)")
    void launcherWithJavaSetting() throws IOException {
        Path creact = FakeJdk.executable(dir.resolve("bin"), "creact");
        var ready = assertInstanceOf(Launch.Ready.class,
                resolve("/opt/jdk-25/bin/java", "", Map.of("PATH", dir.resolve("bin").toString())));
        assertEquals(List.of(creact.toString(), "lsp"), ready.command());
        assertEquals(Map.of("JAVA_HOME", "/opt/jdk-25"), ready.environment());
    }
}
