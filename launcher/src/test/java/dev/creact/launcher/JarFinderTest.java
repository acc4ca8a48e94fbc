package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

@DisabledOnOs(OS.WINDOWS)
class JarFinderTest {
    @TempDir
    Path dir;

    private JarLookup find(Path project, String setting, Map<String, String> variables) {
        return new JarFinder(new LaunchEnvironment(variables, project, false)).find(setting);
    }

    private Path jar(Path checkout) throws IOException {
        Path jar = checkout.resolve("cli/target/creact.jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "PK");
    }

    @Test
    @DisplayName("the jar setting, when it names a file, is the jar")
    void setting() throws IOException {
        Path jar = Files.writeString(dir.resolve("my.jar"), "PK");
        jar(dir);
        assertEquals(new JarLookup.Jar(jar, true), find(dir, "my.jar", Map.of()));
    }

    @Test
    @DisplayName("a jar setting that is not a file is reported, not worked around")
    void badSetting() throws IOException {
        jar(dir);
        assertEquals(new JarLookup.BadSetting(dir.resolve("cli/target")), find(dir, "cli/target", Map.of()));
    }

    @Test
    @DisplayName("without a setting, a checkout's cli/target/creact.jar is found from a project below it")
    void builtJarAbove() throws IOException {
        Path jar = jar(dir);
        Path example = Files.createDirectories(dir.resolve("examples/hello"));
        assertEquals(new JarLookup.Jar(jar, false), find(example, " ", Map.of()));
    }

    @Test
    @DisplayName("without a jar, the creact command on the PATH")
    void launcherOnPath() throws IOException {
        Path creact = FakeJdk.executable(dir.resolve("bin"), "creact");
        Path project = Files.createDirectories(dir.resolve("project"));
        assertEquals(new JarLookup.Launcher(creact), find(project, null, Map.of("PATH", dir.resolve("bin").toString())));
    }

    @Test
    @DisplayName("a creact file that is not executable does not count")
    void notExecutable() throws IOException {
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/creact"), "not runnable");
        Path project = Files.createDirectories(dir.resolve("project"));
        assertInstanceOf(JarLookup.Missing.class, find(project, null, Map.of("PATH", dir.resolve("bin").toString())));
    }
}
