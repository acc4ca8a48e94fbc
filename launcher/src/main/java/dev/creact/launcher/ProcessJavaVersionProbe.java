package dev.creact.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -XshowSettings:properties -version} and reads the version from its output. The output goes
 * to a temporary file rather than a pipe, so a {@code java} that hangs costs the time limit and nothing more.
 */
public final class ProcessJavaVersionProbe implements JavaVersionProbe {
    private final Duration limit;

    public ProcessJavaVersionProbe() {
        this(Duration.ofSeconds(15));
    }

    public ProcessJavaVersionProbe(Duration limit) {
        this.limit = limit;
    }

    @Override
    public OptionalInt majorVersion(Path java) {
        Path out = null;
        Process process = null;
        try {
            out = Files.createTempFile("creact-java-version", ".txt");
            process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.empty();
            }
            // Latin-1 decodes any bytes; the digits that matter are ASCII in every encoding java prints in.
            return JavaVersionOutput.majorVersion(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return OptionalInt.empty(); // not there, not executable, or not a program
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
