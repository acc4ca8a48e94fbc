package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("creact build and init from the command line")
class CliTest {
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

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("init writes a project that builds, and whose declarations cover every built-in module")
    void initThenBuild() throws Exception {
        assertEquals(0, Main.run("init", dir.toString(), "--no-color"));
        for (String f : new String[]{"infrastructure.tsx", "tsconfig.json", "types/creact/creact.d.ts",
                "types/creact/local.d.ts", "types/creact/mock.d.ts", "types/creact/jsx-runtime.d.ts", ".gitignore"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("tsconfig.json")).contains("\"jsxImportSource\": \"creact\""));
        // A second init keeps the user's files.
        Files.writeString(dir.resolve("infrastructure.tsx"), Files.readString(dir.resolve("infrastructure.tsx")) + "\n// mine\n");
        assertEquals(0, Main.run("init", dir.toString(), "--no-color"));
        assertTrue(Files.readString(dir.resolve("infrastructure.tsx")).contains("// mine"));
        assertTrue(stdout().contains("kept  infrastructure.tsx"), stdout());

        assertEquals(0, Main.run("build", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("valid"), stdout());
    }

    @Test
    @DisplayName("init's next step is `creact build`, after a cd into the project unless it is the current folder, quoted when it must be")
    void initNextStep() {
        Path here = Path.of("/home/ann/work");
        assertEquals("creact build", InitCommand.nextStep(here, here));
        assertEquals("cd infra && creact build", InitCommand.nextStep(here.resolve("infra"), here));
        assertEquals("cd /srv/stacks/web && creact build", InitCommand.nextStep(Path.of("/srv/stacks/web"), here));
        assertEquals("cd 'my infra' && creact build", InitCommand.nextStep(here.resolve("my infra"), here));
        assertEquals("cd 'ann'\\''s' && creact build", InitCommand.nextStep(here.resolve("ann's"), here));
    }

    @Test
    @DisplayName("build --json prints one JSON document with the CloudDOM on stdout, and people read stderr")
    void buildJson() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { LocalFile } from "creact/local";
                export default function App() { return <LocalFile key="f" path="out/x" content="y"/>; }
                """);
        assertEquals(0, Main.run("stack", "init", "prod", "--project", dir.toString()));
        out.reset();
        assertEquals(0, Main.run("build", "--json", "--entry", dir.resolve("infrastructure.tsx").toString(), "--stack", "prod"));
        JsonNode doc = Json.mapper().readTree(stdout());
        assertEquals(1, doc.get("formatVersion").asInt());
        assertEquals("prod", doc.get("stack").asText());
        assertTrue(doc.get("valid").asBoolean());
        assertEquals(1, doc.get("resourceCount").asInt());
        assertEquals("f", doc.at("/cloudDom/resources/0/id").asText());
        assertEquals("local:File", doc.at("/cloudDom/resources/0/type").asText());
        assertEquals(2, doc.at("/cloudDom/resources/0/source/line").asInt());
        assertTrue(stderr().contains("1 resource, valid"), stderr());
    }

    @Test
    @DisplayName("a failing build exits 1 and prints each problem with file:line:column")
    void buildFails() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { LocalFile } from "creact/local";
                export default function App() {
                  return <LocalFile key="f" content="no path"/>;
                }
                """);
        assertEquals(1, Main.run("build", "--no-color", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("infrastructure.tsx:3:10: error [missing-prop] resource 'f'"), stdout());
        assertTrue(stdout().contains("1 error"), stdout());
        assertFalse(stdout().contains("\u001b["), "no colour when not a terminal");

        out.reset();
        assertEquals(1, Main.run("build", "--json", "--entry", dir.resolve("infrastructure.tsx").toString()));
        var doc = Json.mapper().readTree(stdout());
        assertFalse(doc.get("valid").asBoolean());
        assertEquals("missing-prop", doc.at("/problems/0/code").asText());
        assertEquals(3, doc.at("/problems/0/source/line").asInt());
    }

    @Test
    @DisplayName("a corrupt state file stops the build with the file named and the way to recover")
    void corruptState() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), "export default function App() { return null; }\n");
        Path state = dir.resolve(".creact/stacks/dev/state.json");
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{\"checksum\": \"sha256:00\", \"content\": {\"formatVersion\": 1");
        assertEquals(1, Main.run("build", "--no-color", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("state.json is not valid JSON"), stdout());
        assertTrue(stdout().contains("move it away"), stdout());
    }

    @Test
    @DisplayName("a missing entry says how to start; a bad option says how to get help")
    void usage() {
        assertEquals(1, Main.run("build", "--no-color", "--entry", dir.resolve("nope.tsx").toString()));
        assertTrue(stdout().contains("creact init"), stdout());
        assertEquals(1, Main.run("build", "--bogus"));
        assertTrue(stderr().contains("--help"), stderr());
        assertEquals(0, Main.run("--help"));
        assertTrue(stdout().contains("build") && stdout().contains("init") && stdout().contains("NO_COLOR"), stdout());
    }

    @Test
    @DisplayName("a misspelt command or option is answered with the close match")
    void misspelt() {
        assertEquals(1, Main.run("plna"));
        assertTrue(stderr().contains("Did you mean plan"), stderr());
        err.reset();
        assertEquals(1, Main.run("plan", "--stak", "x"));
        assertTrue(stderr().contains("Did you mean --stack?"), stderr());
        assertTrue(stderr().contains("Run `creact plan --help`"), stderr());
    }

    @Test
    @DisplayName("the telemetry extension example logs the deploy lifecycle, and info lists it")
    void extensionExample() throws Exception {
        for (String f : new String[]{"infrastructure.tsx", "creact.config.json", "telemetry.js"}) {
            Files.copy(Path.of("../examples/extensions", f), dir.resolve(f));
        }
        assertEquals(0, Main.run("deploy", "--auto-approve", "--no-color", "--entry", dir.resolve("infrastructure.tsx").toString()));
        String printed = stdout();
        assertTrue(printed.contains("[telemetry] deploy of dev started: 2 operation(s)"), printed);
        assertTrue(printed.contains("[telemetry] deploy of dev deployed in"), printed);
        assertTrue(Files.readString(dir.resolve("out/app.env")).startsWith("DATABASE=mock-"));
        out.reset();
        assertEquals(0, Main.run("info", "--no-color", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("telemetry  hooks"), stdout());
        assertTrue(stdout().contains("  mock  ") && stdout().contains("types mock:*"), stdout());
        assertTrue(stdout().contains("last deployment: DEPLOYED"), stdout());
    }

    @Test
    @DisplayName("deploy without a terminal and without --auto-approve applies nothing and says why")
    void deployNeedsApproval() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { LocalFile } from "creact/local";
                export default function App() { return <LocalFile key="f" path="out/x" content="y"/>; }
                """);
        assertEquals(1, Main.run("deploy", "--no-color", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("pass --auto-approve"), stdout());
        assertFalse(Files.exists(dir.resolve("out/x")));
        assertEquals(1, Main.run("unlock", "--force", "nope", "--entry", dir.resolve("infrastructure.tsx").toString()));
        assertTrue(stdout().contains("not locked"), stdout());
    }

    @Test
    @DisplayName("examples/hello carries the declarations `creact init` writes, unchanged")
    void exampleDeclarationsMatchTheScaffold() throws Exception {
        var declarations = dev.creact.engine.api.CreactEngine.declarations();
        for (String name : new String[]{"creact", "jsx-runtime", "local", "mock"}) {
            assertEquals(declarations.get("types/creact/" + name + ".d.ts"),
                    Files.readString(Path.of("../examples/hello/types/creact", name + ".d.ts")),
                    "run `bin/creact init examples/hello` after changing the declarations");
        }
    }
}
