package dev.creact.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on the sandbox that need a real `creact` process: the native transpiler's stack overflow killed
 * the process with SIGSEGV (exit 139), and a heap exhausted by user code is a process-wide condition.
 */
@DisplayName("creact as a process survives hostile projects and says what was wrong")
class HostileInputProcessTest {
    @TempDir
    Path dir;

    private void entry(String text) throws IOException {
        Files.writeString(dir.resolve("infrastructure.tsx"), text);
    }

    @Test
    @DisplayName("40,000 nested parentheses: exit 1 with 'nesting deeper than 256 at infrastructure.tsx:1:…', not SIGSEGV")
    void deepNesting() throws Exception {
        int n = 40_000;
        entry("export default function App() { const x = " + "(".repeat(n) + "1" + ")".repeat(n) + "; return null; }\n");
        var r = CreactProcess.run(dir, "build", "--no-color", "--entry", "infrastructure.tsx");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("error [nesting-too-deep] nesting deeper than 256 at infrastructure.tsx:1:"), r.all());
    }

    @Test
    @DisplayName("a link to a secret outside the project: exit 1, the secret in no output")
    void linkedSecret() throws Exception {
        Path outside = Files.createTempDirectory("creact-secret");
        try {
            Files.writeString(outside.resolve("secret.json"), "{\"token\": \"tok-91c2e7\"}");
            Files.createSymbolicLink(dir.resolve("data.json"), outside.resolve("secret.json"));
            entry("""
                    import { useInstance } from "creact";
                    import { MockResource } from "creact/mock";
                    import data from "./data.json";
                    export default function App() { useInstance(MockResource, { key: "m", v: data.token }); return null; }
                    """);
            var r = CreactProcess.run(dir, "build", "--json", "--no-color", "--entry", "infrastructure.tsx");
            assertEquals(1, r.exitCode(), r.all());
            assertFalse(r.all().contains("tok-91c2e7"), r.all());
            assertTrue(r.stdout().contains("'data.json' is a symbolic link to"), r.all());
        } finally {
            Files.deleteIfExists(outside.resolve("secret.json"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    @DisplayName("user code that exhausts a 256 MiB heap: a memory-limit error at the component, not 'Java heap space'")
    void heapExhausted() throws Exception {
        entry("""
                function Hoarder() {
                  const all = [];
                  for (let i = 0; i < 1000; i++) all.push(new Float64Array(1 << 20));
                  return all.length ? null : null;
                }
                export default function App() { return <Hoarder/>; }
                """);
        var r = CreactProcess.run(dir, List.of("-Xmx256m"), "build", "--no-color", "--entry", "infrastructure.tsx");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.all().contains("infrastructure.tsx:"), r.all());
        assertTrue(r.all().contains("error [memory-limit] memory limit:"), r.all());
        assertFalse(r.all().contains("OutOfMemoryError"), r.all());
    }
}
