package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state workflow a Terraform user expects, through the CLI on real files: state list/show/rm/mv, stack
 * outputs, stacks (and a mistyped one), one path claimed by two stacks, a saved plan applied without a
 * terminal, destroy of a target, the graph, validate, and a TypeScript configuration.
 */
@DisplayName("The state workflow: state, output, stack, graph, validate commands")
class StateWorkflowTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    /** Runs creact in this process on the test's project; returns the exit code, with output captured. */
    int creact(String... args) {
        out.reset();
        err.reset();
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--no-color", "--project", dir.toString()));
        return Main.run(all.toArray(String[]::new));
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    JsonNode json() throws IOException {
        return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    void write(String file, String content) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), content);
    }

    static final String FILES = """
            import { useInstance, useStackOutputs } from "creact";
            import { LocalFile, RandomId } from "creact/local";
            export default function App() {
              const id = useInstance(RandomId, { key: "suffix", bytes: 4 });
              useInstance(LocalFile, { key: "KEY", path: "out/a.txt", content: `id=${id.outputs.hex}` });
              useStackOutputs({ suffix: id.outputs.hex, where: "out/a.txt" });
              return null;
            }
            """;

    void deployFiles(String key) throws IOException {
        write("infrastructure.tsx", FILES.replace("KEY", key));
        assertEquals(0, creact("deploy", "--auto-approve"), printed());
    }

    @Test
    @DisplayName("state list and state show read the deployed state, in text and --json")
    void listAndShow() throws Exception {
        deployFiles("a");
        assertEquals(0, creact("state", "list", "--json"), printed());
        var ids = new ArrayList<String>();
        json().path("resources").forEach(r -> ids.add(r.path("id").asText() + " " + r.path("type").asText()));
        assertEquals(List.of("suffix local:RandomId", "a local:File"), ids);
        assertEquals(0, creact("state", "show", "a"), printed());
        assertTrue(printed().contains("path = \"out/a.txt\""), printed());
        assertTrue(printed().contains("depends on suffix"), printed());
        assertEquals(1, creact("state", "show", "b"));
        assertTrue(printed().contains("no resource 'b' in the state of stack 'dev'; did you mean 'a'?"), printed());
    }

    @Test
    @DisplayName("state rm forgets a resource without deleting it; the next plan creates it")
    void stateRm() throws Exception {
        deployFiles("a");
        assertEquals(0, creact("state", "rm", "a"), printed());
        assertTrue(Files.exists(dir.resolve("out/a.txt")), "forgotten, not deleted");
        assertEquals(2, creact("plan", "--detailed-exitcode", "--json"), printed());
        assertEquals(1, json().path("summary").path("create").asInt());
        assertEquals("a", json().path("changes").get(0).path("id").asText());
    }

    @Test
    @DisplayName("state mv after renaming a resource's key: the plan shows no change instead of a replacement")
    void stateMv() throws Exception {
        deployFiles("a");
        write("infrastructure.tsx", FILES.replace("KEY", "renamed"));
        assertEquals(2, creact("plan", "--detailed-exitcode"), "before the move the rename is a create and a delete");
        assertEquals(0, creact("state", "mv", "a", "renamed"), printed());
        assertEquals(0, creact("plan", "--detailed-exitcode"), printed());
        assertTrue(printed().contains("No changes"), printed());
        assertEquals(1, creact("state", "mv", "nope", "x"));
        assertTrue(printed().contains("no resource 'nope'"), printed());
    }

    @Test
    @DisplayName("stack outputs: planned as changes, stored by the deploy, printed by creact output")
    void outputs() throws Exception {
        write("infrastructure.tsx", FILES.replace("KEY", "a"));
        assertEquals(0, creact("plan"), printed());
        assertTrue(printed().contains("Changes to stack outputs:"), printed());
        assertTrue(printed().contains("+ suffix: (known after deploy)"), printed());
        assertEquals(0, creact("deploy", "--auto-approve"), printed());
        String hex = Files.readString(dir.resolve("out/a.txt")).substring("id=".length());
        assertEquals(0, creact("output", "suffix"), printed());
        assertEquals(hex, out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(0, creact("output", "--json"), printed());
        assertEquals("out/a.txt", json().path("outputs").path("where").asText());
        assertEquals(1, creact("output", "sufix"));
        assertTrue(printed().contains("did you mean 'suffix'?"), printed());
        assertEquals(0, creact("plan", "--detailed-exitcode"), "outputs as stored: nothing to do\n" + printed());
    }

    @Test
    @DisplayName("a --stack that was never created is refused with a suggestion; stack init, list and rm manage stacks")
    void stacks() throws Exception {
        deployFiles("a");
        assertEquals(1, creact("plan", "--stack", "Dev"));
        assertTrue(printed().contains("no stack 'Dev'; did you mean 'dev'?"), printed());
        assertTrue(printed().contains("creact stack init Dev"), printed());
        assertEquals(0, creact("stack", "init", "prod"), printed());
        assertEquals(0, creact("stack", "list", "--json"), printed());
        assertEquals(List.of("dev", "prod"), Json.mapper().convertValue(json().path("stacks"), List.class));
        assertEquals(1, creact("stack", "init", "prod"));
        assertTrue(printed().contains("exists already"), printed());
        assertEquals(1, creact("stack", "rm", "dev"));
        assertTrue(printed().contains("still manages 2 resources"), printed());
        assertEquals(0, creact("stack", "rm", "prod"), printed());
        assertEquals(1, creact("plan", "--stack", "prod"), "removed: refused again");
    }

    @Test
    @DisplayName("two stacks that would manage the same file are refused at plan time, naming both")
    void samePathInTwoStacks() throws Exception {
        deployFiles("a");
        assertEquals(0, creact("stack", "init", "prod"), printed());
        assertEquals(1, creact("plan", "--stack", "prod"));
        assertTrue(printed().contains("local:File path \"out/a.txt\" is already managed by stack 'dev' (a)"), printed());
        assertTrue(printed().contains("infrastructure.tsx:5"), "at the declaring line: " + printed());
        write("infrastructure.tsx", FILES.replace("KEY", "a").replace("out/a.txt", "out/prod/a.txt"));
        assertEquals(0, creact("plan", "--stack", "prod"), printed());
    }

    @Test
    @DisplayName("a saved plan is applied without asking and without a terminal: the plan was the approval")
    void savedPlanApplies() throws Exception {
        write("infrastructure.tsx", FILES.replace("KEY", "a"));
        assertEquals(0, creact("plan", "--out", dir.resolve("plan.json").toString()), printed());
        assertEquals(0, creact("deploy", dir.resolve("plan.json").toString()), printed());
        assertTrue(Files.exists(dir.resolve("out/a.txt")), printed());
        assertEquals(1, creact("deploy", dir.resolve("plan.json").toString()), "a second time: the state moved on");
        assertTrue(printed().contains("state serial"), printed());
    }

    @Test
    @DisplayName("destroy --target deletes the target and what depends on it, nothing else")
    void destroyTarget() throws Exception {
        deployFiles("a");
        write("infrastructure.tsx", FILES.replace("KEY", "a").replace("return null;",
                "useInstance(LocalFile, { key: \"other\", path: \"out/other.txt\", content: \"x\" });\n  return null;"));
        assertEquals(0, creact("deploy", "--auto-approve"), printed());
        assertEquals(0, creact("destroy", "--target", "suffix", "--auto-approve"), printed());
        assertFalse(Files.exists(dir.resolve("out/a.txt")), "a read the suffix: destroyed with it");
        assertTrue(Files.exists(dir.resolve("out/other.txt")), "independent: kept");
        assertEquals(0, creact("state", "list", "--json"), printed());
        assertEquals(1, json().path("resources").size());
        assertEquals(1, creact("destroy", "--target", "nope", "--auto-approve"));
        assertTrue(printed().contains("no resource 'nope'"), printed());
    }

    @Test
    @DisplayName("creact graph prints the dependency graph as DOT (golden) and as JSON")
    void graph() throws Exception {
        TeardownTest.copyHello(dir);
        assertEquals(0, creact("graph"), printed());
        PlanGoldenTest.golden("graph-hello.dot", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, creact("graph", "--json"), printed());
        var edges = new ArrayList<String>();
        json().path("edges").forEach(e -> edges.add(e.path("from").asText() + "->" + e.path("to").asText()));
        assertTrue(edges.contains("site.index->site.suffix") && edges.contains("site.index->site.root"), edges.toString());
    }

    @Test
    @DisplayName("validate prints nothing for a valid stack and only the problems for a broken one")
    void validate() throws Exception {
        write("infrastructure.tsx", FILES.replace("KEY", "a"));
        assertEquals(0, creact("validate"), printed());
        assertEquals("", printed());
        write("infrastructure.tsx", FILES.replace("KEY", "a").replace("bytes: 4", "bytes: \"four\""));
        assertEquals(1, creact("validate"));
        assertTrue(printed().contains("infrastructure.tsx:4"), printed());
        assertFalse(printed().contains("resources"), printed());
    }

    @Test
    @DisplayName("creact.config.ts is read as the configuration")
    void typeScriptConfig() throws Exception {
        write("infrastructure.tsx", FILES.replace("KEY", "a"));
        write("creact.config.ts", """
                const parallelism: number = 3;
                export default { parallelism, maxCycles: 4 };
                """);
        assertEquals(0, creact("info"), printed());
        assertTrue(printed().contains("creact.config.ts"), printed());
        assertTrue(printed().contains("parallelism 3") && printed().contains("at most 4 deploy cycles"), printed());
    }

    @Nested
    @DisplayName("from a subdirectory of the project (real processes)")
    class FromASubdirectory {
        @Test
        @DisplayName("plan and deploy find the project root upward, and the state lands there")
        void upwardSearch() throws Exception {
            TeardownTest.copyHello(dir);
            Path sub = dir.resolve("components");
            var plan = CreactProcess.run(sub, "plan", "--detailed-exitcode");
            assertEquals(2, plan.exitCode(), plan.all());
            assertTrue(plan.all().contains("Plan: 5 to create"), plan.all());
            var deploy = CreactProcess.run(sub, "deploy", "--auto-approve");
            assertEquals(0, deploy.exitCode(), deploy.all());
            assertTrue(Files.exists(dir.resolve(".creact/stacks/dev/state.json")), "the state is at the root");
            assertFalse(Files.exists(sub.resolve(".creact")), "not in the subdirectory");
        }
    }
}
