package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 5: right after a deploy is killed, {@code plan}, {@code build} and {@code info} say the stack
 * has an interrupted deployment and how to resume or roll it back (a CI gate reading "N to create" alone
 * would be misled).
 */
@DisplayName("An interrupted deployment is visible to plan, build and info")
class InterruptedVisibleTest {
    @Test
    @DisplayName("kill -9 mid-deploy: plan (human and --json), build and info warn; after resume, no warning")
    void interruptedIsVisible(@TempDir Path dir) throws Exception {
        ForcedUnlockTest.project(dir, 100);
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        Path ledger = dir.resolve(".creact/mock-ledger.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (deploy.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(ledger) || MockLedger.successfulCreates(ledger).size() < 4)) {
            Thread.sleep(20);
        }
        assertTrue(deploy.isAlive(), "killed mid-deploy: " + Files.readString(dir.resolve("deploy.log")));
        deploy.destroyForcibly().waitFor();

        var plan = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertEquals(2, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("⚠ the last deployment"), plan.all());
        assertTrue(plan.all().contains("was interrupted"), plan.all());
        assertTrue(plan.all().contains("creact resume") && plan.all().contains("creact rollback"), plan.all());

        var json = CreactProcess.run(dir, "plan", "--json");
        JsonNode doc = Json.mapper().readTree(json.stdout());
        assertEquals("interrupted-deployment", doc.path("warnings").path(0).path("code").asText(), json.stdout());

        var build = CreactProcess.run(dir, "build");
        assertEquals(0, build.exitCode(), build.all());
        assertTrue(build.all().contains("was interrupted"), build.all());

        var info = CreactProcess.run(dir, "info", "--json");
        JsonNode infoDoc = Json.mapper().readTree(info.stdout());
        assertEquals("interrupted-deployment", infoDoc.path("unfinishedDeployment").path("code").asText(), info.stdout());

        var resumed = CreactProcess.run(dir, "resume", "--auto-approve");
        assertEquals(0, resumed.exitCode(), resumed.all());
        var after = CreactProcess.run(dir, "plan");
        assertFalse(after.all().contains("⚠"), after.all());
    }
}
