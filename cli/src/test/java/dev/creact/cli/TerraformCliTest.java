package dev.creact.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `creact` with a Terraform module, as real processes running the real terraform. */
@DisplayName("creact with creact/terraform, as a command")
class TerraformCliTest {
    @BeforeAll
    static void needsTerraform() {
        boolean present;
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "terraform is not on the PATH: the tests that run the real terraform are skipped");
    }

    /** A module whose create provisioner marks the file and then takes {@code sleepSeconds}; a file that reads its output. */
    static void project(Path dir, int sleepSeconds, String failure) throws IOException {
        Files.createDirectories(dir.resolve("modules/slow"));
        Files.writeString(dir.resolve("modules/slow/main.tf"), """
                variable "marks" {
                  type = string
                }
                resource "terraform_data" "item" {
                  input = var.marks
                  provisioner "local-exec" {
                    command = "echo create >> ${var.marks}; sleep %d%s"
                  }
                }
                output "id" {
                  value = terraform_data.item.id
                }
                """.formatted(sleepSeconds, failure));
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { TerraformModule } from "creact/terraform";
                import { LocalFile } from "creact/local";

                export default function App() {
                  const slow = useInstance(TerraformModule, { key: "slow", source: "./modules/slow",
                    vars: { marks: %s } });
                  useInstance(LocalFile, { key: "id", path: "out/id.txt", content: `${slow.outputs.id}` });
                  return null;
                }
                """.formatted("\"" + dir.resolve("marks.txt") + "\""));
    }

    static List<String> marks(Path dir) throws IOException {
        Path marks = dir.resolve("marks.txt");
        return Files.exists(marks) ? Files.readAllLines(marks).stream().map(String::strip).toList() : List.of();
    }

    @Test
    @DisplayName("kill -9 during terraform apply, then resume: the module is not applied twice (its create provisioner ran once)")
    void killDuringApply(@TempDir Path dir) throws Exception {
        project(dir, 4, "");
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (marks(dir).isEmpty() && deploy.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("create"), marks(dir), "terraform apply is running its provisioner\n"
                + Files.readString(dir.resolve("deploy.log")));
        assertTrue(deploy.isAlive(), "still deploying");
        deploy.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no finally blocks

        var blocked = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertTrue(blocked.exitCode() != 0 && blocked.all().contains("creact resume"), blocked.all());
        var resumed = CreactProcess.run(dir, "resume", "--auto-approve");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.all().contains("not created again"), "read found the module's resources\n" + resumed.all());
        assertEquals(List.of("create"), marks(dir), "the create-time provisioner ran once");
        assertTrue(Files.readString(dir.resolve("out/id.txt")).matches("[0-9a-f-]{36}"), "the module's output reached the file");

        var again = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.all().contains("No changes"), again.all());
        assertEquals(List.of("create"), marks(dir));
    }

    @Test
    @DisplayName("creact plan prints the module's own plan under it; a failing module's error names the element's file and line")
    void planAndFailure(@TempDir Path dir) throws Exception {
        project(dir, 0, "; echo quota exceeded >&2; exit 7");
        var plan = CreactProcess.run(dir, "plan");
        assertEquals(0, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("terraform plans inside it:"), plan.all());
        assertTrue(plan.all().contains("+ terraform_data.item"), plan.all());
        assertTrue(plan.all().contains("Plan: 1 to add, 0 to change, 0 to destroy."), plan.all());

        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(1, deploy.exitCode(), deploy.all());
        assertTrue(deploy.all().contains("infrastructure.tsx:6:16: slow: failed: terraform apply failed"), deploy.all());
        assertTrue(deploy.all().contains("exit status 7"), "terraform's own message\n" + deploy.all());
    }
}
