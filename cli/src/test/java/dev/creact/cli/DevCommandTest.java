package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code creact dev} as a real process on a temporary project: files are edited on disk, answers are typed
 * on its stdin, and what it did is read from its {@code --json} events and from the files it deploys.
 */
class DevCommandTest {
    @TempDir
    Path dir;

    private Process process;
    private OutputStream stdin;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private Path stderr;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String stack(String aContent, String extra, boolean mockFails) {
        return """
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(LocalFile, { key: "a", path: "out/a.txt", content: "%s" });
                  useInstance(MockResource, { key: "m", size: 1%s });
                %s  return null;
                }
                """.formatted(aContent, mockFails ? ", failPermanently: true" : "", extra);
    }

    private void write(String source) throws IOException {
        Path entry = dir.resolve("infrastructure.tsx");
        Path tmp = dir.resolve("infrastructure.tsx.tmp");
        Files.writeString(tmp, source);
        Files.move(tmp, entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void start(String... extra) throws IOException {
        var args = new ArrayList<>(List.of("dev", "--json", "--debounce", "30"));
        args.addAll(List.of(extra));
        stderr = dir.resolve("dev-stderr.txt");
        process = CreactProcess.builder(dir, args.toArray(String[]::new)).redirectError(stderr.toFile()).start();
        stdin = process.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    events.add(Json.mapper().readTree(line));
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private void answer(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private JsonNode await(String event, Predicate<JsonNode> matching) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.path("event").asText().equals(event) && matching.test(e)) {
                return e;
            }
        }
        fail("no '" + event + "' event within 60 s; stderr:\n" + Files.readString(stderr));
        return null;
    }

    private JsonNode cycle() throws Exception {
        JsonNode c = await("cycle", e -> true);
        await("watching", e -> true);
        return c;
    }

    private String read(String path) throws IOException {
        return Files.readString(dir.resolve(path));
    }

    private void interrupt() throws Exception {
        var kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "creact dev did not stop after SIGINT");
    }

    @Test
    @DisplayName("hot reload from the terminal: safe edits applied at once, unsafe ones asked, broken edits wait, failures roll back, Ctrl-C leaves no lock")
    void hotReload() throws Exception {
        write(stack("one", "", false));
        start();

        // The first deploy creates everything: unsafe, so it asks; yes.
        answer("y");
        JsonNode first = cycle();
        assertEquals("applied", first.path("outcome").asText(), first.toString());
        assertEquals(2, first.path("applied").size());
        assertEquals("one", read("out/a.txt"));

        // A content change is declared safe by local:File: applied without a question.
        write(stack("two", "", false));
        JsonNode safe = cycle();
        assertEquals("applied", safe.path("outcome").asText(), safe.toString());
        assertEquals("[\"a\"]", safe.path("applied").toString());
        assertEquals("safe", safe.path("plan").path("changes").get(0).path("safety").asText());
        assertEquals("two", read("out/a.txt"));
        assertEquals(1, count(Files.readString(stderr), "Apply "), "only the first deploy asked");

        // A new resource is unsafe: asked; no keeps it out, and nothing else is touched.
        write(stack("two", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" });\n", false));
        answer("n");
        JsonNode declined = cycle();
        assertEquals("skipped", declined.path("outcome").asText(), declined.toString());
        assertTrue(declined.path("held").has("b"), declined.toString());
        assertFalse(Files.exists(dir.resolve("out/b.txt")));

        // Saved again with a safe change as well: the safe one goes, the new one is asked again; yes.
        write(stack("three", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" });\n", false));
        answer("y");
        JsonNode accepted = cycle();
        assertEquals("applied", accepted.path("outcome").asText(), accepted.toString());
        assertEquals("three", read("out/a.txt"));
        assertEquals("bee", read("out/b.txt"));

        // A syntax error deploys nothing and names the place; the next good save is applied.
        write(stack("four", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" ;\n", false));
        JsonNode broken = cycle();
        assertEquals("build_failed", broken.path("outcome").asText(), broken.toString());
        JsonNode problem = broken.path("problems").get(0);
        assertEquals("infrastructure.tsx", Path.of(problem.path("source").path("file").asText()).getFileName().toString(),
                problem.toString());
        assertEquals(7, problem.path("source").path("line").asInt(), problem.toString());
        assertEquals("three", read("out/a.txt"));
        write(stack("four", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" });\n", false));
        JsonNode fixed = cycle();
        assertEquals("applied", fixed.path("outcome").asText(), fixed.toString());
        assertEquals("four", read("out/a.txt"));

        // The file's update succeeds, the mock's fails for good: the save is rolled back, file included.
        write(stack("five", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" });\n", true));
        JsonNode failed = cycle();
        assertEquals("rolled_back", failed.path("outcome").asText(), failed.toString());
        assertEquals("four", read("out/a.txt"), "the file's update was rolled back");
        JsonNode failure = failed.path("problems").get(0);
        assertEquals("m", failure.path("resourceId").asText(), failure.toString());
        assertEquals(6, failure.path("source").path("line").asInt(), failure.toString());
        String state = Files.readString(dir.resolve(".creact/stacks/dev/state.json"));
        assertTrue(state.contains("\"four\"") && !state.contains("\"five\""), "the state is the one from before the save");

        // Still watching: the next good save is applied.
        write(stack("six", "  useInstance(LocalFile, { key: \"b\", path: \"out/b.txt\", content: \"bee\" });\n", false));
        JsonNode after = cycle();
        assertEquals("applied", after.path("outcome").asText(), after.toString());
        assertEquals("six", read("out/a.txt"));

        interrupt();
        await("stopped", e -> true);
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/lock.json")), "Ctrl-C left the lock behind");
    }

    @Test
    @DisplayName("--step asks before every change, safe ones too; Ctrl-C during a deploy stops it with the state consistent and no lock")
    void stepModeAndInterruptedDeploy() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                export default function App() {
                  useInstance(LocalFile, { key: "a", path: "out/a.txt", content: "1" });
                  useInstance(LocalFile, { key: "b", path: "out/b.txt", content: "1" });
                  return null;
                }
                """);
        start("--step", "--parallelism", "2");
        answer("y");
        answer("n");
        JsonNode first = cycle();
        assertEquals("applied", first.path("outcome").asText(), first.toString());
        assertEquals("[\"a\"]", first.path("applied").toString());
        assertTrue(first.path("held").has("b"));
        assertTrue(Files.exists(dir.resolve("out/a.txt")));
        assertFalse(Files.exists(dir.resolve("out/b.txt")));

        // Slow resources, then Ctrl-C while they deploy.
        write("""
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(LocalFile, { key: "a", path: "out/a.txt", content: "1" });
                  for (let i = 0; i < 6; i++) useInstance(MockResource, { key: "slow" + i, latencyMs: 1500 });
                  return null;
                }
                """);
        for (int i = 0; i < 6; i++) {
            answer("y");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(stderr).contains("slow5") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(700);
        interrupt();
        JsonNode stopped = await("cycle", e -> true);
        assertEquals("cancelled", stopped.path("outcome").asText(), stopped.toString());
        assertTrue(stopped.path("applied").size() < 6, "Ctrl-C came after the deploy: " + stopped);
        await("stopped", e -> true);
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/lock.json")), "Ctrl-C left the lock behind");
        String record = Files.readString(dir.resolve(".creact/stacks/dev/deployment.json"));
        assertNotEquals("APPLYING", Json.mapper().readTree(record).path("status").asText(),
                "Ctrl-C left an interrupted deployment: " + record);
        // The stack is usable at once: a deploy finishes what was stopped.
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
        assertTrue(deploy.stdout().contains("created"), deploy.all());
        assertTrue(deploy.stdout().contains((6 - stopped.path("applied").size()) + " created"), deploy.all());
    }

    @Test
    @DisplayName("the watched files follow the imports as they change, and the configuration is watched too")
    void watchesImports() throws Exception {
        Files.writeString(dir.resolve("content.ts"), "export const text = \"c1\";\n");
        Files.writeString(dir.resolve("other.ts"), "export const text = \"o1\";\n");
        String entry = """
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { text } from "./%s";
                export default function App() {
                  useInstance(LocalFile, { key: "f", path: "out/f.txt", content: text });
                  return null;
                }
                """;
        write(entry.formatted("content"));
        start("--auto-approve");
        assertEquals("applied", cycle().path("outcome").asText());
        assertEquals("c1", read("out/f.txt"));

        Files.writeString(dir.resolve("content.ts"), "export const text = \"c2\";\n");
        JsonNode imported = cycle();
        assertEquals("[\"content.ts\"]", imported.path("trigger").toString());
        assertEquals("c2", read("out/f.txt"));

        write(entry.formatted("other"));
        cycle();
        assertEquals("o1", read("out/f.txt"));
        Files.writeString(dir.resolve("other.ts"), "export const text = \"o2\";\n");
        cycle();
        assertEquals("o2", read("out/f.txt"));

        // content.ts is no longer imported: editing it starts nothing; the config file does.
        Files.writeString(dir.resolve("content.ts"), "export const text = \"c3\";\n");
        Files.writeString(dir.resolve("creact.config.json"), "{\"parallelism\": 4}\n");
        JsonNode config = cycle();
        assertEquals("[\"creact.config.json\"]", config.path("trigger").toString(), "content.ts started a rebuild");
        assertEquals("no_changes", config.path("outcome").asText());
        assertEquals("o2", read("out/f.txt"));
        interrupt();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
