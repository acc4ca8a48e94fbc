package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstallFoldersTest {
    @TempDir
    Path dir;

    private LaunchEnvironment env(boolean windows) {
        return new LaunchEnvironment(Map.of("HOME", dir.resolve("home").toString()), dir, windows);
    }

    @Test
    @DisplayName("globs match within a folder name, in name order, and only folders that exist count")
    void globs() throws IOException {
        for (String d : List.of("jvm/temurin-25.0.2", "jvm/temurin-25.0.1", "jvm/temurin-26", "jvm/temurin-21",
                "jvm/java-26", "mac/jdk-25.jdk/Contents/Home", "mac/jdk-21.jdk/Contents/Home")) {
            Files.createDirectories(dir.resolve(d));
        }
        var folders = new InstallFolders(List.of(dir + "/jvm/temurin-25*", dir + "/jvm/temurin-2[6-9]*",
                dir + "/jvm/none-*", dir + "/mac/*25*/Contents/Home"));
        assertEquals(List.of(dir.resolve("jvm/temurin-25.0.1"), dir.resolve("jvm/temurin-25.0.2"), dir.resolve("jvm/temurin-26"),
                dir.resolve("mac/jdk-25.jdk/Contents/Home")), folders.javaHomes(env(false)));
    }

    @Test
    @DisplayName("~ is the home folder")
    void home() throws IOException {
        Files.createDirectories(dir.resolve("home/.sdkman/candidates/java/25.0.1-tem"));
        assertEquals(List.of(dir.resolve("home/.sdkman/candidates/java/25.0.1-tem")),
                new InstallFolders(List.of("~/.sdkman/candidates/java/25*")).javaHomes(env(false)));
    }

    @Test
    @DisplayName("the folders are not looked for on Windows")
    void windows() throws IOException {
        Files.createDirectories(dir.resolve("jvm/temurin-25"));
        assertEquals(List.of(), new InstallFolders(List.of(dir + "/jvm/temurin-25*")).javaHomes(env(true)));
    }
}
