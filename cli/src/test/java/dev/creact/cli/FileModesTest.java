package dev.creact.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 item 7: everything under {@code .creact/} (state, journals, locks, the deployment record, the mock
 * ledger, a Terraform module's working folder with terraform's own files) is 0600 / 0700, whatever the
 * umask; a {@code .creact/} left 0755 by an older creact is tightened when a deploy locks the stack.
 */
@DisplayName("Files under .creact are private to their owner")
class FileModesTest {
    static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    static boolean terraform() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Every path under {@code dir} (links not followed) with group or other bits, as "mode path". */
    static List<String> notPrivate(Path dir) throws IOException {
        var found = new ArrayList<String>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                var perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                if (perms.stream().anyMatch(OTHERS::contains)) {
                    found.add(PosixFilePermissions.toString(perms) + " " + dir.relativize(p));
                }
            }
        }
        return found;
    }

    @Test
    @DisplayName("after deploys (mock resources, a Terraform module when terraform is installed), nothing under .creact has group or other bits")
    void privateAfterDeploy(@TempDir Path dir) throws Exception {
        boolean withTerraform = terraform();
        if (withTerraform) {
            Files.createDirectories(dir.resolve("modules/m"));
            Files.writeString(dir.resolve("modules/m/main.tf"), """
                    variable "v" {
                      type = string
                    }
                    resource "terraform_data" "item" {
                      input = var.v
                    }
                    output "id" {
                      value = terraform_data.item.id
                    }
                    """);
        } else {
            System.err.println("FileModesTest: terraform is not on the PATH; checking without a Terraform module");
        }
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                %s
                export default function App() {
                  const a = useInstance(MockResource, { key: "a", n: 1 });
                  useInstance(MockResource, { key: "b", n: 2, parent: `${a.outputs.id}` });
                  %s
                  return null;
                }
                """.formatted(withTerraform ? "import { TerraformModule } from \"creact/terraform\";" : "",
                withTerraform ? "useInstance(TerraformModule, { key: \"m\", source: \"./modules/m\", vars: { v: \"x\" } });" : ""));
        var first = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, first.exitCode(), first.all());
        // A second deployment rotates the journal and writes a backup of the state.
        Files.writeString(dir.resolve("infrastructure.tsx"), Files.readString(dir.resolve("infrastructure.tsx"))
                .replace("n: 2", "n: 3"));
        var second = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, second.exitCode(), second.all());
        Path creact = dir.resolve(".creact");
        for (String f : List.of("stacks/dev/state.json", "stacks/dev/state.json.bak", "stacks/dev/journal.jsonl",
                "stacks/dev/journal.previous.jsonl", "stacks/dev/deployment.json", "mock-ledger.jsonl")) {
            assertTrue(Files.exists(creact.resolve(f)), f + " was written");
        }
        if (withTerraform) {
            assertTrue(Files.exists(creact.resolve("adapters/terraform")), "the module's working folder is under .creact");
        }
        assertEquals(List.of(), notPrivate(creact));
    }

    @Test
    @DisplayName("a .creact folder made 0755 by an older creact is tightened to 0700 when a deploy locks the stack")
    void oldFoldersTightened(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "a", n: 1 });
                  return null;
                }
                """);
        var open = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stackDir = Files.createDirectories(dir.resolve(".creact/stacks/dev"), open);
        for (Path p = stackDir; !p.equals(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        var deploy = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
        assertEquals(List.of(), notPrivate(dir.resolve(".creact")));
    }
}
