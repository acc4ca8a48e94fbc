package dev.creact.launcher;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search order, with versions given by a table instead of real JDKs. */
@DisabledOnOs(OS.WINDOWS)
class JavaFinderTest {
    @TempDir
    Path dir;
    private final Map<Path, Integer> versions = new HashMap<>();
    private final JavaVersionProbe probe = java -> versions.containsKey(java)
            ? OptionalInt.of(versions.get(java)) : OptionalInt.empty();
    private InstallFolders folders;

    @BeforeEach
    void folders() {
        folders = new InstallFolders(List.of(dir + "/jvm/temurin-25*", dir + "/jvm/java-25*"));
    }

    private Path java(String home, int major) throws IOException {
        Path java = FakeJdk.executable(dir.resolve(home).resolve("bin"), "java");
        versions.put(java, major);
        return java;
    }

    private JavaLookup find(String setting, Map<String, String> variables) {
        return new JavaFinder(new LaunchEnvironment(variables, dir, false), probe, folders).find(setting);
    }

    private static JavaCandidate found(JavaLookup lookup) {
        return assertInstanceOf(JavaLookup.Found.class, lookup).java();
    }

    @Test
    @DisplayName("the setting wins over JAVA_HOME and the PATH")
    void settingFirst() throws IOException {
        Path configured = java("configured", 25);
        java("home", 25);
        java("onpath", 25);
        var lookup = find(configured.toString(), Map.of("JAVA_HOME", dir.resolve("home").toString(),
                "PATH", dir.resolve("onpath/bin").toString()));
        assertEquals(configured, found(lookup).java());
        assertEquals(JavaSource.SETTING, found(lookup).source());
    }

    @Test
    @DisplayName("a setting that is too old is an error, even when JAVA_HOME would do")
    void settingIsAuthoritative() throws IOException {
        Path configured = java("configured", 17);
        java("home", 25);
        var lookup = assertInstanceOf(JavaLookup.NotFound.class,
                find(configured.toString(), Map.of("JAVA_HOME", dir.resolve("home").toString())));
        assertTrue(lookup.fromSetting());
        assertEquals(List.of(new JavaCandidate(configured, JavaSource.SETTING, true, OptionalInt.of(17))), lookup.tried());
    }

    @Test
    @DisplayName("a relative setting is relative to the project folder")
    void relativeSetting() throws IOException {
        Path configured = java("tools/jdk", 25);
        assertEquals(configured, found(find("tools/jdk/bin/java", Map.of())).java());
    }

    @Test
    @DisplayName("without a setting: JAVA_HOME first")
    void javaHomeFirst() throws IOException {
        Path home = java("home", 25);
        java("onpath", 26);
        var lookup = find("", Map.of("JAVA_HOME", dir.resolve("home").toString(), "PATH", dir.resolve("onpath/bin").toString()));
        assertEquals(home, found(lookup).java());
        assertEquals(JavaSource.JAVA_HOME, found(lookup).source());
    }

    @Test
    @DisplayName("an old JAVA_HOME is passed over for the java on the PATH")
    void oldJavaHomeThenPath() throws IOException {
        java("home", 21);
        Path onPath = java("onpath", 25);
        var lookup = find(null, Map.of("JAVA_HOME", dir.resolve("home").toString(),
                "PATH", dir.resolve("empty") + ":" + dir.resolve("onpath/bin")));
        assertEquals(onPath, found(lookup).java());
        assertEquals(JavaSource.PATH, found(lookup).source());
    }

    @Test
    @DisplayName("the usual JDK folders come last, in name order")
    void installFoldersLast() throws IOException {
        java("onpath", 17);
        java("jvm/temurin-25-b", 25);
        Path first = java("jvm/temurin-25-a", 25);
        java("jvm/java-25", 25);
        var lookup = find(null, Map.of("PATH", dir.resolve("onpath/bin").toString()));
        assertEquals(first, found(lookup).java());
        assertEquals(JavaSource.INSTALL_FOLDER, found(lookup).source());
    }

    @Test
    @DisplayName("when nothing will do, every candidate is listed with what it is")
    void nothingUsable() throws IOException {
        Path old = java("onpath", 17);
        Path broken = FakeJdk.executable(dir.resolve("jvm/java-25-broken/bin"), "java");
        var lookup = assertInstanceOf(JavaLookup.NotFound.class, find(null, Map.of(
                "JAVA_HOME", dir.resolve("gone").toString(), "PATH", dir.resolve("onpath/bin").toString())));
        assertEquals(List.of(
                new JavaCandidate(dir.resolve("gone/bin/java"), JavaSource.JAVA_HOME, false, OptionalInt.empty()),
                new JavaCandidate(old, JavaSource.PATH, true, OptionalInt.of(17)),
                new JavaCandidate(broken, JavaSource.INSTALL_FOLDER, true, OptionalInt.empty())), lookup.tried());
        assertEquals(dir.resolve("gone/bin/java") + " (missing, from JAVA_HOME)", lookup.tried().get(0).describe());
        assertEquals(old + " (Java 17, from the PATH)", lookup.tried().get(1).describe());
        assertEquals(broken + " (does not run, from a JDK folder)", lookup.tried().get(2).describe());
    }

    @Test
    @DisplayName("the same java reached twice is tried once")
    void noDuplicates() throws IOException {
        java("jvm/temurin-25", 11);
        var lookup = assertInstanceOf(JavaLookup.NotFound.class,
                find(null, Map.of("JAVA_HOME", dir.resolve("jvm/temurin-25").toString())));
        assertEquals(1, lookup.tried().size());
    }
}
