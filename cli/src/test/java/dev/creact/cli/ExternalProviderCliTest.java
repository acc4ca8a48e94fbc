package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider written in TypeScript with {@code packages/creact-provider} (the acme test provider: widgets as
 * files), run by the real {@code creact} as a separate process: deployed, killed mid-operation and resumed,
 * crashing, and not answering.
 */
@DisplayName("External provider written in TypeScript, through the real creact command")
class ExternalProviderCliTest {

    private static void project(Path dir, String extraSettings, String body) throws Exception {
        var command = Json.mapper().writeValueAsString(ProviderPackage.acmeCommand());
        Files.writeString(dir.resolve("creact.config.json"), "{\"providers\": {\"acme\": {\"command\": " + command
                + ", \"dataDir\": \"widgets\"" + extraSettings + "}}}");
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { Widget } from "creact/acme";

                export default function App() {
                %s
                  return null;
                }
                """.formatted(body));
    }

    /** {@code creact <args> --project dir} in this JVM (a JVM per command is kept for the kill test). */
    private static CreactProcess.Result run(Path dir, String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var savedOut = System.out;
        var savedErr = System.err;
        int code;
        synchronized (ExternalProviderCliTest.class) {
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                var all = new java.util.ArrayList<>(List.of(args));
                all.addAll(List.of("--project", dir.toString(), "--no-color"));
                if (List.of("build", "plan", "deploy", "destroy", "resume").contains(args[0])) {
                    // a cold GraalJS on a loaded machine can pass the default 5 s; that limit is not under test here
                    all.addAll(List.of("--eval-timeout", "60000"));
                }
                code = Main.run(all.toArray(String[]::new));
            } finally {
                System.setOut(savedOut);
                System.setErr(savedErr);
            }
        }
        return new CreactProcess.Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> calls(Path dir) throws Exception {
        Path log = dir.resolve("widgets/calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static long count(List<String> calls, String call) {
        return calls.stream().filter(call::equals).count();
    }

    @Test
    @DisplayName("info lists its construct types and settings; deploy creates, plan is then empty, an edit updates, destroy deletes")
    void lifecycle(@TempDir Path dir) throws Exception {
        project(dir, "", """
                  const a = useInstance(Widget, { key: "a", size: 1 });
                  useInstance(Widget, { key: "b", size: 2, color: `after-${a.outputs.serial}` });
                """);
        var info = run(dir, "info", "--json");
        assertEquals(0, info.exitCode(), info.all());
        JsonNode acme = null;
        for (JsonNode p : Json.mapper().readTree(info.stdout()).path("providers")) {
            if (p.path("name").asText().equals("acme")) {
                acme = p;
            }
        }
        assertTrue(acme != null, info.stdout());
        assertEquals("creact/acme", acme.path("module").asText(), acme.toString());
        assertTrue(acme.toString().contains("acme:Widget") && acme.toString().contains("dataDir")
                && acme.toString().contains("command"), acme.toString());

        synchronized (ExternalProviderCliTest.class) {
            assertEquals(0, Main.run("init", dir.toString(), "--no-color"));
        }
        String declarations = Files.readString(dir.resolve("types/creact/acme.d.ts"));
        assertTrue(declarations.contains("declare module \"creact/acme\"") && declarations.contains("size: number;")
                && declarations.contains("export const Widget: Construct<WidgetProps, WidgetOutputs>;"), declarations);
        ProviderPackage.typeCheck(dir); // the generated declarations type the code that uses them

        var deploy = run(dir, "deploy", "--auto-approve");
        assertEquals(0, deploy.exitCode(), deploy.all());
        assertTrue(deploy.all().contains("wrote "), "the provider's log lines are progress:\n" + deploy.all());
        assertTrue(Files.exists(dir.resolve("widgets/a.json")) && Files.exists(dir.resolve("widgets/b.json")));
        String serialA = Json.mapper().readTree(dir.resolve("widgets/a.json").toFile()).path("serial").asText();
        assertEquals("after-" + serialA, Json.mapper().readTree(dir.resolve("widgets/b.json").toFile()).path("color").asText(),
                "b got a's output, known only once a was created");

        var plan = run(dir, "plan");
        assertEquals(0, plan.exitCode(), plan.all());
        assertTrue(plan.all().contains("No changes"), plan.all());

        project(dir, "", """
                  const a = useInstance(Widget, { key: "a", size: 5 });
                  useInstance(Widget, { key: "b", size: 2, color: `after-${a.outputs.serial}` });
                """);
        var update = run(dir, "deploy", "--auto-approve");
        assertEquals(0, update.exitCode(), update.all());
        assertEquals(5, Json.mapper().readTree(dir.resolve("widgets/a.json").toFile()).path("size").asInt());
        assertEquals(1, count(calls(dir), "update a"), calls(dir).toString());

        var destroy = run(dir, "destroy", "--auto-approve");
        assertEquals(0, destroy.exitCode(), destroy.all());
        assertFalse(Files.exists(dir.resolve("widgets/a.json")) || Files.exists(dir.resolve("widgets/b.json")));
        var c = calls(dir);
        assertEquals(List.of(1L, 1L, 1L, 1L), List.of(count(c, "create a"), count(c, "create b"), count(c, "delete a"),
                count(c, "delete b")), c.toString());
        assertTrue(c.indexOf("delete b") < c.indexOf("delete a"), "b depends on a: deleted first " + c);
    }

    @Test
    @DisplayName("deploy killed with SIGKILL while the provider creates: resume asks its read and creates nothing twice")
    void killedMidOperation(@TempDir Path dir) throws Exception {
        project(dir, "", """
                  useInstance(Widget, { key: "slow", size: 1, delayMs: 4000 });
                """);
        Path log = dir.resolve("deploy.log");
        var deploy = CreactProcess.start(dir, log, "deploy", "--auto-approve");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(dir.resolve("widgets/slow.json")) && deploy.isAlive() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(deploy.isAlive(), "the deploy ended before the provider wrote the widget:\n" + Files.readString(log));
        assertTrue(Files.exists(dir.resolve("widgets/slow.json")), Files.readString(log));
        deploy.destroyForcibly().waitFor(); // SIGKILL: creact has the intent in its journal, not the result
        assertEquals(List.of("create slow"), calls(dir));

        var resumed = run(dir, "resume", "--auto-approve");
        assertEquals(0, resumed.exitCode(), resumed.all());
        var c = calls(dir);
        assertEquals(1, count(c, "create slow"), "created twice: " + c);
        assertTrue(c.contains("read slow"), "resume did not ask the provider's read: " + c);
        var state = Json.mapper().readTree(dir.resolve(".creact/stacks/dev/state.json").toFile()).toString();
        String serial = Json.mapper().readTree(dir.resolve("widgets/slow.json").toFile()).path("serial").asText();
        assertTrue(state.contains(serial), "the state has the widget read back: " + state);
        var plan = run(dir, "plan");
        assertTrue(plan.all().contains("No changes"), plan.all());
    }

    @Test
    @DisplayName("a provider that dies mid-create fails that resource permanently, naming provider and resource, at once")
    void crash(@TempDir Path dir) throws Exception {
        project(dir, "", """
                  useInstance(Widget, { key: "boom", size: 1, crash: true });
                """);
        long start = System.nanoTime();
        var deploy = run(dir, "deploy", "--auto-approve");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertNotEquals(0, deploy.exitCode(), deploy.all());
        String out = deploy.all();
        assertTrue(out.contains("boom") && out.contains("provider acme") && out.contains("exited with code"), out);
        assertEquals(1, count(calls(dir), "create boom"), "a crash is permanent, never retried: " + calls(dir));
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    @DisplayName("a provider that does not answer within timeoutSeconds fails the call permanently instead of hanging")
    void timeout(@TempDir Path dir) throws Exception {
        project(dir, ", \"timeoutSeconds\": 1", """
                  useInstance(Widget, { key: "stuck", size: 1, delayMs: 30000 });
                """);
        var deploy = run(dir, "deploy", "--auto-approve");
        assertNotEquals(0, deploy.exitCode(), deploy.all());
        assertTrue(deploy.all().contains("did not answer within 1 s") && deploy.all().contains("stuck"), deploy.all());
        assertEquals(1, count(calls(dir), "create stuck"), calls(dir).toString());
    }

    @Test
    @DisplayName("a setting the provider does not describe is refused with the settings it has")
    void unknownSetting(@TempDir Path dir) throws Exception {
        project(dir, ", \"dataDri\": \"x\"", """
                  useInstance(Widget, { key: "a", size: 1 });
                """);
        var build = run(dir, "build");
        assertNotEquals(0, build.exitCode(), build.all());
        assertTrue(build.all().contains("unknown setting 'dataDri' of provider 'acme'") && build.all().contains("dataDir"),
                build.all());
    }
}
