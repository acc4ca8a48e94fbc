package dev.creact.cli;

import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 8: a full or read-only state folder (a real tmpfs of 140 KiB mounted on {@code .creact/stacks},
 * so the mock ledger stays on the normal disk) fails with what failed, the path and the errno, and no Java
 * stack trace; a deploy that had applied provider changes says that {@code resume} finishes them, and it
 * does, creating nothing twice. Needs root (mount); skipped with a message elsewhere.
 */
@DisplayName("A full or read-only state folder")
class DiskFaultsTest {
    private Path mounted;

    static int sh(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    Path mountTmpfs(Path dir, String size) throws Exception {
        Path stacks = Files.createDirectories(dir.resolve(".creact/stacks"));
        boolean ok;
        try {
            ok = sh("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", stacks.toString()) == 0;
        } catch (IOException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "DiskFaultsTest: cannot mount a tmpfs here (needs root and mount); the full and "
                + "read-only disk tests are skipped");
        mounted = stacks;
        return stacks;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            sh("umount", "-l", mounted.toString());
        }
    }

    static void assertNoStackTrace(String output) {
        assertFalse(output.contains("\tat ") || output.contains("Exception in thread") || output.contains("java.io."),
                "no Java stack trace or exception class: " + output);
    }

    @Test
    @DisplayName("the disk fills during a deploy: ENOSPC named with the path, resume (after space is freed) finishes, nothing created twice")
    void fullDisk(@TempDir Path dir) throws Exception {
        ForcedUnlockTest.project(dir, 100);
        Path stacks = mountTmpfs(dir, "140k");
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        Path ledger = dir.resolve(".creact/mock-ledger.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (deploy.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(ledger) || MockLedger.successfulCreates(ledger).size() < 3)) {
            Thread.sleep(20);
        }
        assertTrue(deploy.isAlive(), Files.readString(dir.resolve("deploy.log")));
        // Fill what is left of the tmpfs.
        sh("dd", "if=/dev/zero", "of=" + stacks.resolve("filler"), "bs=4k");
        assertTrue(deploy.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(dir.resolve("deploy.log"));
        assertEquals(1, deploy.exitValue(), log);
        assertTrue(log.contains("ENOSPC"), "names the errno: " + log);
        assertTrue(log.contains(".creact/stacks/dev/"), "names the path: " + log);
        assertTrue(log.contains("creact resume"), "says resume finishes what was applied: " + log);
        assertNoStackTrace(log);

        Files.delete(stacks.resolve("filler"));
        assertEquals(0, sh("mount", "-o", "remount,size=4m", stacks.toString()));
        var resumed = CreactProcess.run(dir, "resume", "--auto-approve");
        assertEquals(0, resumed.exitCode(), resumed.all());
        var last = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, last.exitCode(), last.all());
        assertTrue(last.all().contains("No changes"), last.all());
        var creates = MockLedger.successfulCreates(ledger);
        assertEquals(ForcedUnlockTest.RESOURCES, creates.size());
        creates.forEach((id, n) -> assertEquals(1L, n, id + " created " + n + " times"));
    }

    @Test
    @DisplayName("a read-only state folder: EROFS named with the path, refused before any provider call")
    void readOnly(@TempDir Path dir) throws Exception {
        ForcedUnlockTest.project(dir, 0);
        Path stacks = mountTmpfs(dir, "1m");
        assertEquals(0, sh("mount", "-o", "remount,ro", stacks.toString()));
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(1, deploy.exitCode(), deploy.all());
        assertTrue(deploy.all().contains("EROFS"), deploy.all());
        assertTrue(deploy.all().contains(".creact/stacks/dev"), deploy.all());
        assertTrue(deploy.all().contains("nothing was changed"), deploy.all());
        assertNoStackTrace(deploy.all());
        Path ledger = dir.resolve(".creact/mock-ledger.jsonl");
        assertTrue(!Files.exists(ledger) || MockLedger.successfulCreates(ledger).isEmpty(), "no provider call");
    }
}
