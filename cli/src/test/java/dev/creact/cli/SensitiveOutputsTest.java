package dev.creact.cli;

import dev.creact.cli.testplugin.EchoPlugin;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.SecretRef;
import dev.creact.engine.sync.SensitiveOutputRedaction;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An output a provider marks sensitive (the test plugin's {@code token}) is sealed into the stack's secret
 * store: the state, journal, deployment record and every event hold a reference, the dependent's provider
 * call gets the value, and sync shows {@code (sensitive)}.
 */
@DisplayName("Sensitive outputs: stored encrypted, a reference in the state, the value only in the dependent's provider call")
class SensitiveOutputsTest {
    static final String STACK = """
            import { EchoMessage } from "creact/echo";
            import { useInstance } from "creact";
            export default function App() {
              const greeting = useInstance(EchoMessage, { key: "greeting", text: "hello", withToken: true });
              useInstance(EchoMessage, { key: "reader", text: greeting.outputs.token });
              return null;
            }
            """;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
        savedOut = System.out;
        savedErr = System.err;
        var both = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        Files.writeString(dir.resolve("infrastructure.tsx"), STACK);
        Files.writeString(dir.resolve("creact.config.json"), "{\"providers\": {\"echo\": {\"log\": \"calls.log\"}}}");
    }

    @AfterEach
    void tearDown() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.clearProperty("creact.encryptionKey");
    }

    static List<String> leaks(String where, String text, String value) {
        var hits = new ArrayList<String>();
        for (String form : List.of(value, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)))) {
            if (text.contains(form)) {
                hits.add(where + " holds " + form);
            }
        }
        return hits;
    }

    @Test
    @DisplayName("deploy: no value under .creact or in any event or CLI output; the dependent got it; sync masks it")
    void sensitiveOutput() throws Exception {
        String token = EchoPlugin.token("greeting", "hello");
        var events = Collections.synchronizedList(new ArrayList<DeployEvent>());
        try (var engine = new CreactEngine(); var project = engine.open(dir)) {
            var stack = project.stack("dev");
            var report = stack.deploy(new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), "creact deploy", 10, 3,
                    Duration.ofMillis(5)), Approval.ALWAYS, events::add, CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.toString());
            var greeting = stack.state().cloudDom().byId().get("greeting");
            var ref = greeting.outputs().get("token");
            assertTrue(SecretRef.is(ref), "the state holds a reference: " + ref);
            assertEquals("(sensitive)", SensitiveOutputRedaction.INSTANCE.resourceOutputs("dev", "greeting", "echo:Message",
                    greeting.outputs()).path("token").asText(), "sync shows (sensitive)");
            assertEquals(token, stack.secrets().get(SecretRef.name(ref)).orElse(null), "the value is in the encrypted store");
        }
        assertTrue(Files.readString(dir.resolve("calls.log")).contains("create reader " + token + "\n"),
                "the dependent's provider call got the value: " + Files.readString(dir.resolve("calls.log")));
        assertEquals(0, Main.run("plan", "--no-color", "--project", dir.toString()), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, Main.run("state", "show", "greeting", "--json", "--project", dir.toString()), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, Main.run("state", "show", "reader", "--no-color", "--project", dir.toString()), out.toString(StandardCharsets.UTF_8));

        var hits = new ArrayList<String>();
        for (var e : List.copyOf(events)) {
            hits.addAll(leaks("event " + e.getClass().getSimpleName(), Json.write(e) + " " + e, token));
        }
        try (var files = Files.walk(dir.resolve(".creact"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hits.addAll(leaks(dir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), token));
            }
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        hits.addAll(leaks("CLI output", printed, token));
        assertEquals(List.of(), hits);
        assertTrue(printed.contains("(sensitive)"), "state show prints the output as (sensitive): " + printed);
        assertTrue(events.size() > 5, "events were recorded: " + events.size());
    }

    @Test
    @DisplayName("without CREACT_ENCRYPTION_KEY the output stays in the state as before, with a warning naming the fix")
    void noKey() {
        System.clearProperty("creact.encryptionKey");
        var events = Collections.synchronizedList(new ArrayList<DeployEvent>());
        try (var engine = new CreactEngine(); var project = engine.open(dir)) {
            var stack = project.stack("dev");
            var report = stack.deploy(new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), "creact deploy", 10, 3,
                    Duration.ofMillis(5)), Approval.ALWAYS, events::add, CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.toString());
            assertEquals(EchoPlugin.token("greeting", "hello"),
                    stack.state().cloudDom().byId().get("greeting").outputs().path("token").asText());
        }
        var warnings = events.stream().filter(e -> e instanceof DeployEvent.Note n && n.message().startsWith("warning: output 'token'"))
                .map(e -> ((DeployEvent.Note) e).message()).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("CREACT_ENCRYPTION_KEY"), warnings.getFirst());
    }
}
