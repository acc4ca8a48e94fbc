package dev.creact.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real `creact` command as a separate JVM process, started from the test class path. */
final class CreactProcess {
    private CreactProcess() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    static ProcessBuilder builder(Path dir, String... args) {
        return builder(dir, List.of(), args);
    }

    /** As {@link #builder(Path, String...)}, with more options for the JVM (a smaller heap, say). */
    static ProcessBuilder builder(Path dir, List<String> jvmOptions, String... args) {
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.creact.cli.Main"));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("NO_COLOR", "1");
        return pb;
    }

    static Process start(Path dir, Path log, String... args) throws IOException {
        return builder(dir, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, List.of(), args);
    }

    static Result run(Path dir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("creact-out", ".txt");
        Path err = Files.createTempFile("creact-err", ".txt");
        try {
            var p = builder(dir, jvmOptions, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("creact " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
