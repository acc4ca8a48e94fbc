package dev.creact.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TypeScript helper package {@code packages/creact-provider} and its test provider, built for a test:
 * {@code npm ci} from the package's lockfile when its {@code node_modules} is missing, then its
 * {@code build:test} script (tsc). Tests that need it are skipped, saying why, where node or npm is missing.
 */
final class ProviderPackage {
    private static Path built;

    private ProviderPackage() {
    }

    /** The package folder, built. */
    static synchronized Path dir() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("packages/creact-provider");
        Assumptions.assumeTrue(Files.isDirectory(dir), "packages/creact-provider is not beside the cli module");
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are not on the PATH: the external provider tests need them (apt-get install nodejs npm)");
        if (!Files.isDirectory(dir.resolve("node_modules/typescript"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        run(dir, List.of("npm", "run", "--silent", "build:test"));
        built = dir;
        return dir;
    }

    /** The command that runs the acme test provider (written with the package). */
    static List<String> acmeCommand() throws IOException, InterruptedException {
        return List.of("node", dir().resolve("build/test/fixtures/acme-provider.js").toString());
    }

    /** Type-checks the project in {@code project} (its tsconfig.json from {@code creact init}) with the package's tsc. */
    static void typeCheck(Path project) throws IOException, InterruptedException {
        run(project, List.of("node", dir().resolve("node_modules/typescript/bin/tsc").toString(), "-p",
                project.resolve("tsconfig.json").toString(), "--noEmit"));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("creact-provider-build", ".log");
        var p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " in " + dir + " failed (" + p.exitValue() + "):\n" + out);
        }
    }
}
