package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `creact test`: users' tests of their infrastructure code, through the real CLI. */
@DisplayName("creact test runs the tests of infrastructure code")
class UserTestsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the examples/hello suite passes: renders, context, known outputs, a snapshot and a deploy cycle")
    void helloSuitePasses() throws Exception {
        TeardownTest.copyHello(dir);
        var run = CreactProcess.run(dir, "test", "--json");
        assertEquals(0, run.exitCode(), run.all());
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertEquals(5, doc.path("summary").path("passed").asInt(), doc.toString());
        assertEquals(0, doc.path("summary").path("failed").asInt());
        assertTrue(run.stderr().contains("✔ cycle: deploys, then has nothing left to do"), run.all());
        assertFalse(Files.exists(dir.resolve("out")), "the deploy cycle ran in a scratch copy, not in the project");
    }

    static final String STACK = """
            import { useInstance } from "creact";
            import { LocalFile } from "creact/local";
            export default function App({ title = "Hello" }: { title?: string }) {
              useInstance(LocalFile, { key: "index", path: "out/index.html", content: `<h1>${title}</h1>` });
              return null;
            }
            """;

    @Test
    @DisplayName("a failing assertion and a stale snapshot fail, naming the resource and the prop; --update-snapshots rewrites it")
    void failuresNameResourceAndProp() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), STACK);
        Files.writeString(dir.resolve("site.test.tsx"), """
                import { expect, render, test } from "creact/test";
                import App from "./infrastructure";
                test("the title", () => {
                  expect(render(App)).toHaveResource("index", { content: "<h1>Welcome</h1>" });
                });
                test("the tree", () => {
                  expect(render(App)).toMatchSnapshot();
                });
                """);
        Files.createDirectories(dir.resolve("__snapshots__"));
        Files.writeString(dir.resolve("__snapshots__/site.test.tsx.snap.json"), """
                { "the tree 1": { "resources": [ { "id": "index", "type": "local:File", "parent": null,
                    "props": { "path": "out/index.html", "content": "<h1>Old</h1>" } } ], "stackOutputs": {} } }
                """);
        var run = CreactProcess.run(dir, "test");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.all().contains("✖ the title"), run.all());
        assertTrue(run.all().contains("resource 'index' prop 'content': expected \"<h1>Welcome</h1>\", got \"<h1>Hello</h1>\""),
                run.all());
        assertTrue(run.all().contains("at site.test.tsx:4:"), "the failing line: " + run.all());
        assertTrue(run.all().contains("snapshot 'the tree 1' differs: index prop content: snapshot \"<h1>Old</h1>\", now \"<h1>Hello</h1>\""),
                run.all());
        assertTrue(run.all().contains("ℹ fail 2"), run.all());

        var update = CreactProcess.run(dir, "test", "the tree", "--update-snapshots");
        assertEquals(0, update.exitCode(), update.all());
        assertTrue(Files.readString(dir.resolve("__snapshots__/site.test.tsx.snap.json")).contains("<h1>Hello</h1>"));
        var again = CreactProcess.run(dir, "test", "the tree");
        assertEquals(0, again.exitCode(), again.all());
    }

    @Test
    @DisplayName("a deploy cycle that never settles fails with the change that keeps coming back")
    void cycleThatDoesNotSettle() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "clock", at: Date.now() });
                  return null;
                }
                """);
        Files.writeString(dir.resolve("clock.test.ts"), """
                import { testCycle } from "creact/test";
                import App from "./infrastructure";
                testCycle("settles", App);
                """);
        var run = CreactProcess.run(dir, "test");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.all().contains("✖ cycle: settles"), run.all());
        assertTrue(run.all().contains("clock"), run.all());
    }
}
