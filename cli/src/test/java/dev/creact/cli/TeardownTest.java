package dev.creact.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("creact destroy through the real CLI")
class TeardownTest {
    @TempDir
    Path dir;

    /** Copies examples/hello (found from the module folder the tests run in) into the test's folder. */
    static void copyHello(Path to) throws IOException {
        Path from = Path.of("..", "examples", "hello").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                if (f.toString().contains("/.creact") || f.toString().contains("/out/")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    @DisplayName("examples/hello: the file that read the random id's output is deleted before the random id")
    void outputDependencySurvivesDeploy() throws Exception {
        copyHello(dir);
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
        String state = Files.readString(dir.resolve(".creact/stacks/dev/state.json"));
        assertTrue(state.contains("\"dependencies\" : [ \"site.root\", \"site.suffix\" ]"),
                "the state records the edge that came through an output:\n" + state);

        var destroy = CreactProcess.run(dir, "destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy.all());
        String out = destroy.all();
        int index = out.indexOf("- site.index (");
        int suffix = out.indexOf("- site.suffix (");
        int root = out.indexOf("- site.root (");
        assertTrue(index >= 0 && suffix >= 0 && root >= 0, out);
        assertTrue(index < suffix, "site.index is deleted before the random id it read:\n" + out);
        assertTrue(index < root, "site.index is deleted before the folder it names in dependsOn:\n" + out);
        assertTrue(out.contains("2. - site.root, - site.suffix"), "the plan puts both dependencies in the second batch:\n" + out);
    }
}
