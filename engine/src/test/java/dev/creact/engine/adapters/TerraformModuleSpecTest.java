package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.creact.engine.adapters.TerraformFixtures.calls;
import static dev.creact.engine.adapters.TerraformFixtures.marks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Terraform module as a creact resource, deployed with the real terraform binary. */
@DisplayName("creact/terraform with the real terraform")
class TerraformModuleSpecTest extends ApiSpec {
    @BeforeAll
    static void needsTerraform() {
        Assumptions.assumeTrue(TerraformFixtures.terraformPresent(), TerraformFixtures.SKIPPED);
    }

    private DeployReport deploy(Path root, List<String> progress) {
        return stack(root).deploy(input("test deploy"), Approval.ALWAYS, e -> {
            if (e instanceof DeployEvent.Note n) {
                progress.add(n.message());
            }
        }, CancellationToken.NONE);
    }

    private Plan plan(Path root) {
        var result = stack(root).plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE);
        assertTrue(result.ok(), () -> result.problems().toString());
        return result.plan();
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    @Test
    @DisplayName("a module's life: created once with its outputs in a local:File, updated when a var changes and when a module file is edited, destroyed by terraform destroy")
    void lifecycle() throws Exception {
        Path marks = dir.resolve("marks.txt");
        var p = TerraformFixtures.project(project(""), marks, 1);
        var progress = new CopyOnWriteArrayList<String>();

        var created = deploy(dir, progress);
        assertTrue(created.ok(), created.toString());
        assertEquals(List.of("create net-1"), marks(marks), "the create-time provisioner ran once");
        assertEquals("label=net-1", read(dir.resolve("out/label.txt")), "the module's output reached the local:File");
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("net: ") && l.contains("Creation complete")),
                "progress from terraform's JSON stream: " + progress);
        var net = created.state().byId().get("net");
        assertTrue(net.state().path("sensitiveOutputs").toString().contains("token"), "token is marked sensitive: " + net.state());
        assertTrue(progress.stream().noneMatch(l -> l.contains("correct-horse-battery")), "no secret in progress");
        Path document = dir.resolve(".creact/stacks/dev/provider.terraform.net.tfstate.json");
        assertTrue(Files.exists(document), "the module's terraform state is a document in creact's backend");
        String lineage = Json.mapper().readTree(read(document)).path("lineage").asText();

        p.file("infrastructure.tsx", TerraformFixtures.stack(marks, 2));
        var changed = plan(dir);
        assertEquals(Action.UPDATE, changed.changeSet().updates().getFirst().action());
        assertEquals(List.of("vars.size"), changed.changeSet().updates().getFirst().changedPaths());
        assertTrue(deploy(dir, progress).ok());
        assertEquals("label=net-2", read(dir.resolve("out/label.txt")), "a changed var is applied");
        assertEquals(List.of("create net-1"), marks(marks), "terraform updated the resource in place: no second create");

        p.file("modules/marks/main.tf", TerraformFixtures.marksModule(true, ""));
        var edited = plan(dir);
        assertEquals(1, edited.changeSet().updates().size(), "editing a module file is an update of the module");
        assertEquals(List.of("moduleFiles"), edited.changeSet().updates().getFirst().changedPaths());
        var inner = edited.inner().get("net");
        assertNotNull(inner, "the module's own plan is nested under it");
        assertTrue(inner.changes().stream().anyMatch(c -> c.address().equals("terraform_data.extra") && c.action().equals("create")),
                inner.toString());
        var afterEdit = deploy(dir, progress);
        assertTrue(afterEdit.ok(), afterEdit.toString());
        assertEquals("extra-net", afterEdit.state().byId().get("net").outputs().path("extra").asText());
        assertEquals(lineage, Json.mapper().readTree(read(document)).path("lineage").asText(), "one terraform state throughout");

        p.file("infrastructure.tsx", """
                export default function App() { return null; }
                """);
        var removed = deploy(dir, progress);
        assertTrue(removed.ok(), removed.toString());
        assertEquals(List.of("create net-1", "destroy net-2"), marks(marks), "terraform destroy ran the destroy-time provisioner");
        JsonNode after = Json.mapper().readTree(read(document));
        assertEquals(0, after.path("resources").size(), "the saved terraform state is empty after destroy");
    }

    @Test
    @DisplayName("a module that fails shows terraform's own error, and the stack's and the module's state are unharmed")
    void failingModule() throws Exception {
        Path marks = dir.resolve("marks.txt");
        var p = TerraformFixtures.project(project(""), marks, 1);
        assertTrue(deploy(dir, new CopyOnWriteArrayList<>()).ok());
        Path document = dir.resolve(".creact/stacks/dev/provider.terraform.net.tfstate.json");
        String before = read(document);
        long serialBefore = new FileStateBackend(dir).read("dev").orElseThrow().serial();

        p.file("modules/marks/main.tf", TerraformFixtures.marksModule(true, "")
                .replace("input = \"extra-${var.name}\"", "input = \"extra-${var.name}\"\n  provisioner \"local-exec\" {\n"
                        + "    command = \"echo the disk is full >&2; exit 3\"\n  }"));
        var failed = deploy(dir, new CopyOnWriteArrayList<>());
        assertEquals(DeployReport.Outcome.FAILED, failed.outcome());
        var failure = failed.failed().getFirst();
        assertEquals("net", failure.id());
        assertTrue(failure.reason().contains("terraform apply failed") && failure.reason().contains("local-exec provisioner error"),
                failure.reason());
        assertTrue(failure.reason().contains("exit status 3"), "terraform's message, not a paraphrase: " + failure.reason());
        var state = new FileStateBackend(dir).read("dev").orElseThrow();
        assertEquals("net-1", state.cloudDom().byId().get("net").outputs().path("label").asText(),
                "the module keeps the outputs of its last good deploy");
        assertTrue(state.serial() >= serialBefore);
        JsonNode saved = Json.mapper().readTree(read(document));
        assertEquals(Json.mapper().readTree(before).path("lineage"), saved.path("lineage"), "the same terraform state, saved after the failed run");
        assertTrue(saved.path("resources").toString().contains("\"extra\""),
                "what terraform created before failing is recorded (tainted), so it is not lost: " + saved.path("resources"));
        assertEquals(List.of("create net-1"), marks(marks));
    }

    @Test
    @DisplayName("creact plan shows the module's own plan nested under it, and runs no terraform for an unchanged module")
    void innerPlan() throws Exception {
        Path marks = dir.resolve("marks.txt");
        var p = TerraformFixtures.project(project(""), marks, 1);
        var first = plan(dir);
        var inner = first.inner().get("net");
        assertNotNull(inner, first.inner().toString());
        assertEquals("terraform", inner.tool());
        assertEquals(List.of("terraform_data.item"), inner.changes().stream().map(c -> c.address()).toList());
        assertEquals("Plan: 1 to add, 0 to change, 0 to destroy.", inner.summary());
        assertTrue(first.inner().get("label") == null, "a local:File has no inner plan");
        int beforeDeploy = calls(dir).size();
        assertTrue(deploy(dir, new CopyOnWriteArrayList<>()).ok());
        assertEquals(List.of("apply", "output"), calls(dir).subList(beforeDeploy, calls(dir).size()),
                "the deploy takes the plan's terraform init instead of running its own");

        int before = calls(dir).size();
        var unchanged = plan(dir);
        assertFalse(unchanged.hasChanges());
        assertTrue(unchanged.inner().isEmpty());
        assertEquals(before, calls(dir).size(), "no terraform run for an unchanged module: " + calls(dir));
        assertTrue(marks(marks).equals(List.of("create net-1")), "planning creates nothing");

        p.file("infrastructure.tsx", TerraformFixtures.stack(marks, 5));
        int beforeChange = calls(dir).size();
        var changed = plan(dir);
        var update = changed.inner().get("net");
        assertEquals(List.of("update"), update.changes().stream().map(c -> c.action()).toList(), update.toString());
        int afterFirst = calls(dir).size();
        assertEquals(List.of("plan"), calls(dir).subList(beforeChange, afterFirst), "a changed var needs a plan, not another init");
        plan(dir);
        assertEquals(afterFirst, calls(dir).size(), "the same plan again is answered from the cache");
    }

    @Test
    @DisplayName("the module's terraform state comes back from creact's backend when its working directory is lost")
    void stateFromBackend() throws Exception {
        Path marks = dir.resolve("marks.txt");
        var p = TerraformFixtures.project(project(""), marks, 1);
        assertTrue(deploy(dir, new CopyOnWriteArrayList<>()).ok());
        deleteTree(dir.resolve(".creact/adapters"));
        p.file("infrastructure.tsx", TerraformFixtures.stack(marks, 3));
        var report = deploy(dir, new CopyOnWriteArrayList<>());
        assertTrue(report.ok(), report.toString());
        assertEquals(List.of("create net-1"), marks(marks), "the resource was updated from the restored state, not created again");
        assertEquals("net-3", report.state().byId().get("net").outputs().path("label").asText());
    }

    @Test
    @DisplayName("the same module with the same vars gets the same module id in two working copies")
    void deterministicIds() throws Exception {
        var ids = new java.util.ArrayList<String>();
        var dirs = new java.util.ArrayList<String>();
        for (String copy : List.of("copy-a", "elsewhere/copy-b")) {
            Path root = Files.createDirectories(dir.resolve(copy));
            var p = new TestProject(root);
            TerraformFixtures.project(p, dir.resolve("marks-" + ids.size() + ".txt").getFileName(), 1);
            // the marks file is relative (terraform runs in the module's working directory), so both copies match
            p.file("infrastructure.tsx", TerraformFixtures.stack(Path.of("marks.txt"), 1));
            var report = deploy(root, new CopyOnWriteArrayList<>());
            assertTrue(report.ok(), report.toString());
            ids.add(report.state().byId().get("net").outputs().path("moduleId").asText());
            try (var listing = Files.list(root.resolve(".creact/adapters/terraform/dev"))) {
                dirs.add(listing.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".plan")).sorted().toList().toString());
            }
        }
        assertTrue(ids.getFirst().startsWith("sha256:"), ids.toString());
        assertEquals(ids.getFirst(), ids.get(1), "same module, same inputs, same id");
        assertEquals(dirs.getFirst(), dirs.get(1), "and the same working directory name");
    }

    @Test
    @DisplayName("a module that needs a provider from a registry fails with terraform's own message where no registry is reachable")
    void registryProvider() throws Exception {
        project("""
                import { TerraformModule } from "creact/terraform";
                export default function App() {
                  return <TerraformModule key="ids" source="./modules/random" />;
                }
                """).file("modules/random/main.tf", """
                terraform {
                  required_providers {
                    random = { source = "hashicorp/random" }
                  }
                }
                resource "random_id" "x" {
                  byte_length = 4
                }
                """);
        TerraformFixtures.countingTerraform(dir);
        var report = deploy(dir, new CopyOnWriteArrayList<>());
        Assumptions.assumeFalse(report.ok(), "a Terraform registry was reachable from here, so the module deployed");
        String reason = report.failed().getFirst().reason();
        assertTrue(reason.startsWith("failed: terraform init failed (exit 1): "), reason);
        assertTrue(reason.contains("hashicorp/random"), "terraform's message names the provider: " + reason);
    }

    private static void deleteTree(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
