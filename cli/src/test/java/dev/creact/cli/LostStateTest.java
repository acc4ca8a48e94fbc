package dev.creact.cli;

import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 3: a stack whose {@code state.json} was deleted while its backup, deployment record and
 * journals remain must not be planned as new and deployed again (which creates every resource twice).
 */
@DisplayName("A lost state file is refused, never a silent fresh start")
class LostStateTest {
    static void project(Path dir) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const a = useInstance(MockResource, { key: "a", n: 1 });
                  useInstance(MockResource, { key: "b", n: 2, parent: `${a.outputs.id}` });
                  return null;
                }
                """);
    }

    @Test
    @DisplayName("state.json deleted: plan and deploy refuse naming the evidence, the backup's serial and the recovery; stack rm --force starts over")
    void deletedStateRefused(@TempDir Path dir) throws Exception {
        project(dir);
        assertEquals(0, CreactProcess.run(dir, "deploy", "--auto-approve").exitCode());
        Files.writeString(dir.resolve("infrastructure.tsx"), Files.readString(dir.resolve("infrastructure.tsx"))
                .replace("n: 2", "n: 3"));
        var second = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, second.exitCode(), second.all());
        Path stackDir = dir.resolve(".creact/stacks/dev");
        Files.delete(stackDir.resolve("state.json"));
        Path ledger = dir.resolve(".creact/mock-ledger.jsonl");
        var before = MockLedger.successfulCreates(ledger);

        var plan = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertEquals(1, plan.exitCode(), "an error, not \"2 to create\": " + plan.all());
        assertFalse(plan.all().contains("to create"), plan.all());
        assertTrue(plan.all().contains("state.json of stack 'dev' is missing"), plan.all());
        assertTrue(plan.all().contains("state.json.bak (serial"), "names the backup and its serial: " + plan.all());
        assertTrue(plan.all().contains("deployment.json"), plan.all());
        assertTrue(plan.all().contains("cp .creact/stacks/dev/state.json.bak .creact/stacks/dev/state.json"), plan.all());
        assertTrue(plan.all().contains("creact stack rm dev --force"), plan.all());

        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(1, deploy.exitCode(), deploy.all());
        assertTrue(deploy.all().contains("is missing"), deploy.all());
        assertEquals(before, MockLedger.successfulCreates(ledger), "nothing was created again");
        assertFalse(Files.exists(stackDir.resolve("state.json")), "no fresh state was written");

        Files.copy(stackDir.resolve("state.json.bak"), stackDir.resolve("state.json"));
        var restored = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertTrue(restored.exitCode() != 1 && !restored.all().contains("2 to create"),
                "the restored backup is read, nothing is planned as new: " + restored.all());
        Files.delete(stackDir.resolve("state.json"));

        var rm = CreactProcess.run(dir, "stack", "rm", "dev");
        assertEquals(1, rm.exitCode(), "without --force, a stack whose state cannot be read is kept: " + rm.all());
        var forced = CreactProcess.run(dir, "stack", "rm", "dev", "--force");
        assertEquals(0, forced.exitCode(), forced.all());
        var fresh = CreactProcess.run(dir, "plan", "--detailed-exitcode");
        assertEquals(2, fresh.exitCode(), "after starting over, a plain plan: " + fresh.all());
    }
}
