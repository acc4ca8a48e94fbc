package dev.creact.launcher;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProcessJavaVersionProbeTest {
    private final ProcessJavaVersionProbe probe = new ProcessJavaVersionProbe();

    @Test
    @DisplayName("a real JDK reports its feature release")
    void realJdk() {
        assertEquals(OptionalInt.of(Runtime.version().feature()), probe.majorVersion(Repository.runningJava()));
    }

    @Test
    @DisplayName("an older java is read as such")
    @DisabledOnOs(OS.WINDOWS)
    void olderJava(@TempDir Path dir) throws Exception {
        assertEquals(OptionalInt.of(17), probe.majorVersion(FakeJdk.old(dir.resolve("jdk17"), 17)));
    }

    @Test
    @DisplayName("a java that never answers is given up on, and stopped")
    @DisabledOnOs(OS.WINDOWS)
    void hangingJava(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Path java = FakeJdk.script(dir.resolve("stuck"), "echo $$ > '" + pidFile + "'\nexec sleep 60\n");
        assertEquals(OptionalInt.empty(), new ProcessJavaVersionProbe(Duration.ofMillis(300)).majorVersion(java));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        var process = ProcessHandle.of(pid);
        if (process.isPresent()) {
            process.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the stuck java was killed");
    }

    @Test
    @DisplayName("a missing file, or one that is not a program, has no version")
    void notAProgram(@TempDir Path dir) throws Exception {
        assertEquals(OptionalInt.empty(), probe.majorVersion(dir.resolve("nothing-here/java")));
        Path text = Files.writeString(dir.resolve("java"), "not a program");
        assertEquals(OptionalInt.empty(), probe.majorVersion(text));
    }
}
