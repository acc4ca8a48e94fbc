package dev.creact.cli;

import dev.creact.engine.model.Json;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 2: {@code creact unlock --force} must not free the lock of a live deploy on this host, asks
 * for {@code --holder-gone} for a holder on another host, and a deploy whose lock is taken from it stops
 * starting operations soon after (not at its next 10-second renewal), so a second deploy never runs beside it.
 */
@DisplayName("Forced unlock against a live holder")
class ForcedUnlockTest {
    static final int RESOURCES = 60;

    /** 60 independent mock resources of {@code latencyMs} each, two at a time (100 ms: about three seconds). */
    static void project(Path dir, int latencyMs) throws Exception {
        var sb = new StringBuilder("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                """);
        for (int i = 0; i < RESOURCES; i++) {
            sb.append("  useInstance(MockResource, { key: \"r").append(i).append("\", latencyMs: ").append(latencyMs).append(", n: ").append(i)
                    .append(" });\n");
        }
        sb.append("  return null;\n}\n");
        Files.writeString(dir.resolve("infrastructure.tsx"), sb.toString());
        Files.writeString(dir.resolve("creact.config.json"), "{ \"parallelism\": 2 }\n");
    }

    static LockInfo waitForLock(Path dir, Process deploy) throws Exception {
        Path lock = dir.resolve(".creact/stacks/dev/lock.json");
        Path journal = dir.resolve(".creact/stacks/dev/journal.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.exists(journal)) && deploy.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(deploy.isAlive(), "the deploy is running");
        return Json.read(Files.readString(lock), LockInfo.class);
    }

    @Test
    @DisplayName("unlock --force of a live deploy's lock on this host is refused, naming its pid; the deploy finishes")
    void liveHolderRefused(@TempDir Path dir) throws Exception {
        project(dir, 500); // 15 s: long enough for two `creact unlock` processes on a loaded machine
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        var held = waitForLock(dir, deploy);
        for (var args : new String[][]{{"unlock", "--force", held.lockId()},
                {"unlock", "--force", held.lockId(), "--holder-gone"}}) {
            var unlock = CreactProcess.run(dir, args);
            assertEquals(1, unlock.exitCode(), unlock.all());
            assertTrue(unlock.all().contains("pid " + held.pid()), unlock.all());
            assertTrue(unlock.all().contains("still running"), unlock.all());
        }
        assertTrue(deploy.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, deploy.exitValue(), Files.readString(dir.resolve("deploy.log")));
        var creates = MockLedger.successfulCreates(dir.resolve(".creact/mock-ledger.jsonl"));
        assertEquals(RESOURCES, creates.size());
        creates.forEach((id, n) -> assertEquals(1L, n, id + " created " + n + " times"));
    }

    @Test
    @DisplayName("a holder on another host needs --holder-gone, and is then removed")
    void otherHostNeedsConfirmation(@TempDir Path dir) throws Exception {
        project(dir, 100);
        Path lock = Files.createDirectories(dir.resolve(".creact/stacks/dev")).resolve("lock.json");
        long now = System.currentTimeMillis();
        var other = new LockInfo("abcd1234", "dev", "alice", "build-7.elsewhere", 4242, "creact deploy", now, now + 600_000);
        Files.writeString(lock, Json.write(other));
        var refused = CreactProcess.run(dir, "unlock", "--force", "abcd1234");
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.all().contains("build-7.elsewhere"), refused.all());
        assertTrue(refused.all().contains("--holder-gone"), refused.all());
        assertTrue(Files.exists(lock), "the lock is still there");
        var removed = CreactProcess.run(dir, "unlock", "--force", "abcd1234", "--holder-gone");
        assertEquals(0, removed.exitCode(), removed.all());
        assertFalse(Files.exists(lock));
    }

    @Test
    @DisplayName("a deploy whose lock is taken stops starting operations within a second, fails saying so; the next deploy creates nothing twice")
    void deployNoticesStolenLock(@TempDir Path dir) throws Exception {
        project(dir, 100);
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        var held = waitForLock(dir, deploy);
        Thread.sleep(300);
        // What `unlock --force ID --holder-gone` run on another host and a second deploy there leave behind.
        long now = System.currentTimeMillis();
        Path lock = dir.resolve(".creact/stacks/dev/lock.json");
        Files.writeString(lock, Json.write(new LockInfo("other001", "dev", "bob", "build-9.elsewhere", 99, "creact resume",
                now, now + 600_000)));
        assertTrue(deploy.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("deploy.log"));
        assertNotEquals(0, deploy.exitValue(), log);
        assertTrue(log.contains("lock of stack 'dev' was removed or taken"), log);
        var ledger = dir.resolve(".creact/mock-ledger.jsonl");
        int createdByFirst = MockLedger.successfulCreates(ledger).size();
        assertTrue(createdByFirst < RESOURCES - 10, "stopped soon after the lock was taken: " + createdByFirst
                + " of " + RESOURCES + " created (lock " + held.lockId() + ")");
        Files.delete(lock); // the other holder is done
        var resumed = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, resumed.exitCode(), resumed.all());
        var creates = MockLedger.successfulCreates(ledger);
        assertEquals(RESOURCES, creates.size());
        creates.forEach((id, n) -> assertEquals(1L, n, id + " created " + n + " times"));
    }
}
