package dev.creact.cli;

import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real processes on real files: `creact deploy` killed with SIGKILL at random moments and then resumed
 * must end exactly as a clean deploy, with no resource created twice; two deploys on one stack never
 * both apply.
 */
@DisplayName("Crash recovery and locking with real processes")
class CrashAndLockTest {
    static final int RESOURCES = 40;

    /** 40 mock resources with 100 ms latency; resource i depends on resource i-5 (8-deep chains). */
    static String stack() {
        var sb = new StringBuilder("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const r = [];
                """);
        for (int i = 0; i < RESOURCES; i++) {
            String dep = i >= 5 ? ", dependsOn: [r[" + (i - 5) + "]], parent: `${r[" + (i - 5) + "].outputs.id}`" : "";
            sb.append("  r.push(useInstance(MockResource, { key: \"r").append(i).append("\", latencyMs: 100, n: ")
                    .append(i).append(dep).append(" }));\n");
        }
        sb.append("  return null;\n}\n");
        return sb.toString();
    }

    static void project(Path dir) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), stack());
        Files.writeString(dir.resolve("creact.config.json"), "{ \"parallelism\": 2 }\n");
    }

    /** id to (type, props) of the deployed state: what must match a clean deploy. */
    static Map<String, String> state(Path dir) {
        var snapshot = new FileStateBackend(dir).read("dev").orElseThrow();
        var out = new TreeMap<String, String>();
        for (Node n : snapshot.cloudDom().allNodes()) {
            out.put(n.id(), n.type() + " " + Json.write(n.props()) + " " + Json.write(n.outputs()));
        }
        return out;
    }

    @Test
    @DisplayName("kill -9 at random moments, then resume: the final state equals a clean deploy and nothing is created twice")
    void killAndResume(@TempDir Path base) throws Exception {
        Path clean = Files.createDirectories(base.resolve("clean"));
        project(clean);
        var first = CreactProcess.run(clean, "deploy", "--auto-approve");
        assertEquals(0, first.exitCode(), first.all());
        var expected = state(clean);
        assertEquals(RESOURCES, expected.size());

        var random = new Random(42);
        int interrupted = 0;
        for (int trial = 0; trial < 5; trial++) {
            Path dir = Files.createDirectories(base.resolve("trial-" + trial));
            project(dir);
            var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
            // Wait until the deployment is under way (its journal exists), then kill at a random moment
            // within the roughly two seconds it takes.
            Path journal = dir.resolve(".creact/stacks/dev/journal.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(journal) && deploy.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long killAfter = random.nextInt(2000);
            if (deploy.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                assertEquals(0, deploy.exitValue(), Files.readString(dir.resolve("deploy.log")));
            } else {
                // SIGKILL: no shutdown hooks, no finally blocks.
                deploy.destroyForcibly().waitFor();
            }
            var again = CreactProcess.run(dir, "deploy", "--auto-approve");
            if (again.exitCode() != 0) {
                interrupted++;
                assertTrue(again.all().contains("was interrupted after"), again.all());
                assertTrue(again.all().contains("creact resume"), again.all());
                var resumed = CreactProcess.run(dir, "resume", "--auto-approve");
                assertEquals(0, resumed.exitCode(), "trial " + trial + " after " + killAfter + " ms:\n" + resumed.all());
            }
            var last = CreactProcess.run(dir, "deploy", "--auto-approve");
            assertEquals(0, last.exitCode(), last.all());
            assertTrue(last.all().contains("No changes"), "trial " + trial + ": converged\n" + last.all());

            assertEquals(expected, state(dir), "trial " + trial + " (killed after " + killAfter + " ms)");
            Path ledger = dir.resolve(".creact/mock-ledger.jsonl");
            var creates = MockLedger.successfulCreates(ledger);
            assertEquals(RESOURCES, creates.size(), "trial " + trial);
            final int t = trial;
            creates.forEach((id, n) -> assertEquals(1L, n, "trial " + t + ": " + id + " created " + n + " times"));
            assertEquals(RESOURCES, MockLedger.existing(ledger).size());
            assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/lock.json")), "no lock left behind");
        }
        assertTrue(interrupted >= 3, "at least three trials were killed mid-deploy (got " + interrupted + ")");
    }

    @Test
    @DisplayName("two deploys on one stack: one applies, the other fails naming the holder")
    void lock(@TempDir Path dir) throws Exception {
        project(dir);
        var a = CreactProcess.start(dir, dir.resolve("a.log"), "deploy", "--auto-approve");
        Thread.sleep(150);
        var b = CreactProcess.start(dir, dir.resolve("b.log"), "deploy", "--auto-approve");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        String logA = Files.readString(dir.resolve("a.log"));
        String logB = Files.readString(dir.resolve("b.log"));
        int ok = (a.exitValue() == 0 ? 1 : 0) + (b.exitValue() == 0 ? 1 : 0);
        String loser = a.exitValue() == 0 ? logB : logA;
        if (ok == 2) {
            // The second started after the first had finished: it then found nothing to do.
            assertTrue(logA.contains("No changes") || logB.contains("No changes"), logA + "\n---\n" + logB);
        } else {
            assertEquals(1, ok, logA + "\n---\n" + logB);
            assertTrue(loser.contains("is locked by"), loser);
            assertTrue(loser.contains("pid "), loser);
            assertTrue(loser.contains("held for"), loser);
            assertTrue(loser.contains("creact unlock --force"), loser);
        }
        var creates = MockLedger.successfulCreates(dir.resolve(".creact/mock-ledger.jsonl"));
        assertEquals(RESOURCES, creates.size());
        creates.forEach((id, n) -> assertEquals(1L, n, id + " created " + n + " times"));
    }

}
