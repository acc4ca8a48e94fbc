package dev.creact.engine.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Watching the source files of a stack")
class FileWatcherTest {
    @TempDir
    Path dir;

    private Set<Path> next(FileWatcher w, Runnable change) throws Exception {
        var result = CompletableFuture.supplyAsync(() -> {
            try {
                return w.awaitChange(Duration.ofMillis(30), () -> false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        change.run();
        return result.get(10, TimeUnit.SECONDS);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("reports a watched file written in place or saved by rename, ignores its neighbours, follows a new set")
    void watches() throws Exception {
        Path dirB = Files.createDirectories(dir.resolve("lib"));
        Path a = dir.resolve("a.tsx");
        Path b = dirB.resolve("b.ts");
        Path other = dir.resolve("notes.txt");
        write(a, "1");
        write(b, "1");
        try (var w = new FileWatcher()) {
            w.watch(List.of(a, b));
            assertEquals(Set.of(a), next(w, () -> {
                write(other, "x"); // not watched: its change is not reported
                write(a, "2");
            }));
            assertEquals(Set.of(b), next(w, () -> {
                try {
                    Path tmp = dirB.resolve("b.ts.tmp");
                    Files.writeString(tmp, "2");
                    Files.move(tmp, b, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            // A burst of writes within the quiet period comes as one batch.
            assertEquals(Set.of(a, b), next(w, () -> {
                write(a, "3");
                write(b, "3");
            }));
            // The imports changed: b is no longer watched.
            w.watch(List.of(a));
            assertEquals(Set.of(a), next(w, () -> {
                write(b, "4");
                write(a, "4");
            }));
            assertTrue(w.awaitChange(Duration.ofMillis(10), () -> true).isEmpty(), "a stop request ends the wait");
        }
    }
}
