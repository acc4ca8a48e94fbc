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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider plugin defined only in this test source set ({@code testplugin.EchoPlugin}, registered by
 * META-INF/services) is known everywhere a built-in one is, with no edit anywhere else: `creact info`,
 * the declarations `creact init` writes, the module loader and the router. And settings are checked.
 */
@DisplayName("Provider plugins: found on the class path, configured from creact.config.json")
class ProviderPluginTest {
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

    private String all() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void stack(String config) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { EchoMessage } from "creact/echo";
                export default function App() { return <EchoMessage key="greeting" text="hello" />; }
                """);
        if (config != null) {
            Files.writeString(dir.resolve("creact.config.json"), config);
        }
    }

    @Test
    @DisplayName("creact info lists the plugin with its module, construct types and settings")
    void info() throws Exception {
        stack(null);
        assertEquals(0, Main.run("info", "--json", "--no-color", "--project", dir.toString()), all());
        JsonNode echo = null;
        for (JsonNode p : Json.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("providers")) {
            if (p.path("name").asText().equals("echo")) {
                echo = p;
            }
        }
        assertTrue(echo != null, all());
        assertEquals("creact/echo", echo.path("module").asText());
        assertEquals("EchoMessage", echo.path("constructs").path("echo:Message").asText());
        assertTrue(echo.path("settings").has("log"), echo.toString());
    }

    @Test
    @DisplayName("creact init writes the plugin's declarations next to the built-in ones")
    void init() throws Exception {
        assertEquals(0, Main.run("init", dir.toString(), "--no-color"), all());
        assertEquals("// creact/echo (test plugin)\nexport declare const EchoMessage: unknown;\n",
                Files.readString(dir.resolve("types/creact/echo.d.ts")));
        assertTrue(Files.exists(dir.resolve("types/creact/local.d.ts")));
    }

    @Test
    @DisplayName("user code imports the plugin's module, and a deploy routes its resources to its provider with its settings")
    void deploys() throws Exception {
        stack("{\"providers\": {\"echo\": {\"log\": \"calls.log\"}}}");
        assertEquals(0, Main.run("deploy", "--auto-approve", "--no-color", "--project", dir.toString()), all());
        assertEquals("create greeting hello\n", Files.readString(dir.resolve("calls.log")));
        String state = Files.readString(dir.resolve(".creact/stacks/dev/state.json"));
        assertTrue(state.contains("\"length\" : 5"), "the provider's outputs are in the state: " + state);
    }

    @Test
    @DisplayName("a mistyped provider setting is an error with a suggestion, before anything runs")
    void settingTypo() throws Exception {
        stack("{\"providers\": {\"echo\": {\"lgo\": \"calls.log\"}}}");
        assertEquals(1, Main.run("plan", "--no-color", "--project", dir.toString()));
        assertTrue(all().contains("unknown setting 'lgo' of provider 'echo'; did you mean 'log'?"), all());
    }

    @Test
    @DisplayName("a mistyped provider name is an error that names the providers")
    void providerTypo() throws Exception {
        stack("{\"providers\": {\"ecoh\": {}}}");
        assertEquals(1, Main.run("plan", "--no-color", "--project", dir.toString()));
        assertTrue(all().contains("no provider named 'ecoh'; did you mean 'echo'?"), all());
        // every provider on the class path is named (more come with plugin modules such as provider-aws)
        var listed = java.util.regex.Pattern.compile("the providers are ([a-z0-9, -]+)").matcher(all());
        assertTrue(listed.find(), all());
        assertTrue(java.util.List.of(listed.group(1).split(", ")).containsAll(java.util.List.of("app", "echo", "helm", "local", "mock", "terraform")), all());
    }

    @Test
    @DisplayName("an unknown backend type is an error that names the backends there are")
    void backendTypo() throws Exception {
        stack("{\"backend\": {\"type\": \"fiel\"}}");
        assertEquals(1, Main.run("plan", "--no-color", "--project", dir.toString()));
        assertTrue(all().contains("backend type 'fiel' is not available; did you mean 'file'?"), all());
        assertTrue(all().contains("the backends are file, memory"), all());
    }
}
