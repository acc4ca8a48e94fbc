package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secrets and audit commands as users run them, in real processes: set (a value from standard input),
 * list, deploy, plan, a deploy killed with SIGKILL and resumed, a failed deploy rolled back, `creact dev`,
 * destroy; then every byte printed and every file under {@code .creact/} is searched for each value, raw
 * and in base64. The audit chain then verifies, and an edited line makes {@code audit verify} exit 1.
 */
@DisplayName("creact secrets and creact audit: the leak scan over real processes, keys, tampering")
class SecretsCliTest {
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    static final Map<String, String> SECRETS = Map.of("API_KEY", "abc123-live-key", "DB_PASSWORD", "p4ss-w0rd-db",
            "TOKEN", "tk-44f1e2d3c4");

    @TempDir
    Path dir;
    private final StringBuilder printed = new StringBuilder();

    private static String stack(int slowCount, String extra) {
        var sb = new StringBuilder("""
                import { useInstance, secret } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const db = useInstance(MockResource, { key: "db", password: secret("DB_PASSWORD") });
                  useInstance(MockResource, { key: "api", apiKey: secret("API_KEY"), db: db.outputs.id,
                    settings: { auth: { bearer: secret("TOKEN") } } });
                """);
        for (int i = 0; i < slowCount; i++) {
            sb.append("  useInstance(MockResource, { key: \"w").append(i).append("\", latencyMs: 150, token: secret(\"TOKEN\") });\n");
        }
        sb.append(extra).append("  return null;\n}\n");
        return sb.toString();
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        var pb = CreactProcess.builder(dir, args);
        pb.environment().put("CREACT_ENCRYPTION_KEY", KEY);
        pb.environment().put("CREACT_AUDIT_KEY", "audit-hmac-key");
        pb.environment().put("CREACT_USER", "alice");
        pb.environment().putAll(env);
        return pb;
    }

    private CreactProcess.Result run(String... args) throws Exception {
        return run(Map.of(), null, args);
    }

    /** Runs creact with {@code stdin} (or nothing) on its standard input; what it prints joins the scan. */
    private CreactProcess.Result run(Map<String, String> env, String stdin, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        var p = builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "creact " + String.join(" ", args) + " did not finish");
        var r = new CreactProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        if (!(args.length > 1 && args[0].equals("secrets") && args[1].equals("get"))) {
            printed.append("$ creact ").append(args[0]).append('\n').append(r.all()); // (not the arguments: a value may be one)
        }
        return r;
    }

    private List<String> leaks(String where, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        var hits = new ArrayList<String>();
        for (var e : SECRETS.entrySet()) {
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(e.getValue(), Base64.getEncoder().encodeToString(v),
                    Base64.getEncoder().withoutPadding().encodeToString(v), Base64.getUrlEncoder().withoutPadding().encodeToString(v))) {
                if (text.contains(form)) {
                    hits.add(where + ": " + e.getKey() + (form.equals(e.getValue()) ? "" : " (base64)"));
                }
            }
        }
        return hits;
    }

    private void write(String source) throws IOException {
        Path tmp = dir.resolve("infrastructure.tsx.tmp");
        Files.writeString(tmp, source);
        Files.move(tmp, dir.resolve("infrastructure.tsx"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    @DisplayName("set, list, deploy, plan, kill -9 and resume, fail and roll back, dev, destroy: no value printed or stored; the audit chain names every action")
    void leakScan() throws Exception {
        write(stack(6, ""));
        var missing = run("plan");
        assertEquals(1, missing.exitCode(), missing.all());
        assertTrue(missing.all().contains("infrastructure.tsx:4:"), missing.all());
        assertTrue(missing.all().contains("secret DB_PASSWORD, which is not set for stack dev"), missing.all());

        var set = run(Map.of(), SECRETS.get("API_KEY") + "\n", "secrets", "set", "API_KEY");
        assertEquals(0, set.exitCode(), set.all());
        assertEquals(0, run(Map.of(), SECRETS.get("DB_PASSWORD"), "secrets", "set", "DB_PASSWORD").exitCode());
        assertEquals(0, run("secrets", "set", "TOKEN", SECRETS.get("TOKEN")).exitCode()); // a value on the command line works too
        var list = run("secrets", "list", "--json");
        assertEquals(0, list.exitCode(), list.all());
        var names = new ArrayList<String>();
        Json.mapper().readTree(list.stdout()).path("secrets").forEach(s -> names.add(s.path("name").asText()));
        assertEquals(List.of("API_KEY", "DB_PASSWORD", "TOKEN"), names);
        var got = run("secrets", "get", "API_KEY");
        assertEquals(SECRETS.get("API_KEY"), got.stdout().strip());

        // A deploy killed with SIGKILL once it is under way, then resumed.
        var deploy = builder(Map.of(), "deploy", "--auto-approve").redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path journal = dir.resolve(".creact/stacks/dev/journal.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(journal) && Files.readString(journal).contains("\"result\"")) && deploy.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        deploy.destroyForcibly().waitFor();
        printed.append(Files.readString(dir.resolve("killed.log")));
        var again = run("deploy", "--auto-approve");
        if (again.exitCode() != 0) {
            assertTrue(again.all().contains("creact resume"), again.all());
            var resumed = run("resume", "--auto-approve");
            assertEquals(0, resumed.exitCode(), resumed.all());
        }
        var plan = run("plan", "--json", "--out", "saved-plan.json");
        assertEquals(0, plan.exitCode(), plan.all());
        printed.append(Files.readString(dir.resolve("saved-plan.json")));

        // A changed value: one update per resource using it, on that prop only.
        assertEquals(0, run(Map.of(), "abc123-rotated-key", "secrets", "set", "API_KEY").exitCode());
        var changed = run("plan", "--no-color");
        assertTrue(changed.stdout().contains("~ apiKey: (secret changed)"), changed.all());
        assertTrue(changed.stdout().contains("Plan: 0 to create, 1 to update, 0 to replace, 0 to delete."), changed.all());
        assertEquals(0, run("deploy", "--auto-approve", "--json").exitCode());

        // A failed deploy, rolled back.
        write(stack(6, "  useInstance(MockResource, { key: \"bad\", also: secret(\"DB_PASSWORD\"), failPermanently: true });\n"));
        var failed = run("deploy", "--auto-approve");
        assertEquals(1, failed.exitCode(), failed.all());
        var rolled = run("rollback", "--auto-approve");
        assertEquals(0, rolled.exitCode(), rolled.all());

        // creact dev: one cycle (answered yes), then Ctrl-C.
        write(stack(6, "  useInstance(MockResource, { key: \"extra\", pin: secret(\"TOKEN\") });\n"));
        var dev = builder(Map.of(), "dev", "--json", "--debounce", "30").redirectError(dir.resolve("dev.err").toFile()).start();
        var devOut = new StringBuilder();
        var cycled = new java.util.concurrent.CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(dev.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    devOut.append(line).append('\n');
                    if (line.contains("\"event\":\"watching\"") || line.contains("\"event\" : \"watching\"")) {
                        cycled.countDown();
                    }
                }
            } catch (IOException e) {
                // ended
            }
        });
        dev.getOutputStream().write("y\n".getBytes(StandardCharsets.UTF_8));
        dev.getOutputStream().flush();
        assertTrue(cycled.await(90, TimeUnit.SECONDS), "no dev cycle: " + devOut + Files.readString(dir.resolve("dev.err")));
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(dev.pid())).start().waitFor());
        assertTrue(dev.waitFor(60, TimeUnit.SECONDS));
        printed.append(devOut).append(Files.readString(dir.resolve("dev.err")));

        var destroyed = run("destroy", "--auto-approve");
        assertEquals(0, destroyed.exitCode(), destroyed.all());
        var audit = run("audit", "list", "--json");
        assertEquals(0, audit.exitCode(), audit.all());

        // The scan: every byte printed, every file under .creact (the mock's ledger included).
        var hits = new ArrayList<>(leaks("printed", printed.toString().getBytes(StandardCharsets.UTF_8)));
        if (printed.toString().contains("abc123-rotated-key")) {
            hits.add("printed: the rotated API_KEY");
        }
        try (var files = Files.walk(dir.resolve(".creact"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                hits.addAll(leaks(dir.relativize(f).toString(), bytes));
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains("abc123-rotated-key")) {
                    hits.add(dir.relativize(f) + ": the rotated API_KEY");
                }
            }
        }
        assertEquals(List.of(), hits);

        // Every action is on the chain, as JSONL, newest first.
        var actions = new ArrayList<String>();
        for (String line : audit.stdout().strip().split("\n")) {
            JsonNode e = Json.mapper().readTree(line);
            actions.add(e.path("action").asText());
            assertEquals("alice", e.path("user").asText());
        }
        for (String a : List.of("secret-set", "secret-get", "deploy-started", "deploy-completed", "deploy-failed",
                "secret-resolve", "rollback-completed", "dev-cycle-started", "dev-cycle-completed", "destroy-completed")) {
            assertTrue(actions.contains(a), a + " in " + actions);
        }
        assertTrue(actions.contains("resume-completed") || !again.all().contains("creact resume"), actions.toString());
        var verified = run("audit", "verify");
        assertEquals(0, verified.exitCode(), verified.all());
        assertTrue(verified.all().contains("signatures checked"), verified.all());

        // Tampering: an edited line is named.
        Path log = dir.resolve(".creact/stacks/dev/audit.jsonl");
        var lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(2, lines.get(2).replace("\"alice\"", "\"bob\""));
        Files.write(log, lines);
        var broken = run("audit", "verify", "--json");
        assertEquals(1, broken.exitCode(), broken.all());
        assertEquals(3, Json.mapper().readTree(broken.stdout()).path("badLine").asInt(), broken.all());
        assertTrue(broken.stderr().contains("line 3 was changed"), broken.all());
    }

    @Test
    @DisplayName("a wrong key is refused naming the stack and changes nothing; a missing key says how to set one")
    void keys() throws Exception {
        // Not made of hex digits: the audit entries' hashes are, and "abc" once turned up inside one.
        String secretValue = "keys-test-value-qx";
        write(stack(0, ""));
        assertEquals(0, run("secrets", "set", "API_KEY", secretValue).exitCode());
        Path file = dir.resolve(".creact/stacks/dev/secrets.enc.json");
        byte[] before = Files.readAllBytes(file);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        for (var args : List.of(List.of("secrets", "get", "API_KEY"), List.of("secrets", "set", "API_KEY", "zzz"),
                List.of("secrets", "delete", "API_KEY"))) {
            var r = run(Map.of("CREACT_ENCRYPTION_KEY", other), null, args.toArray(String[]::new));
            assertEquals(1, r.exitCode(), r.all());
            assertTrue(r.all().contains("cannot decrypt: wrong CREACT_ENCRYPTION_KEY for stack dev"), r.all());
        }
        var none = run(Map.of("CREACT_ENCRYPTION_KEY", ""), null, "secrets", "get", "API_KEY");
        assertEquals(1, none.exitCode());
        assertTrue(none.all().contains("set CREACT_ENCRYPTION_KEY"), none.all());
        assertArrayEquals(before, Files.readAllBytes(file), "nothing changed");

        // rotate-key: the new key opens, the old one no longer does.
        var rotated = run(Map.of("CREACT_NEW_ENCRYPTION_KEY", other), null, "secrets", "rotate-key", "--json");
        assertEquals(0, rotated.exitCode(), rotated.all());
        assertEquals(1, Json.mapper().readTree(rotated.stdout()).path("reencrypted").asInt());
        assertEquals(secretValue, run(Map.of("CREACT_ENCRYPTION_KEY", other), null, "secrets", "get", "API_KEY").stdout().strip());
        assertEquals(1, run("secrets", "get", "API_KEY").exitCode());

        // A damaged file is refused and kept.
        Files.writeString(file, "{\"format\": 1, \"secr");
        var corrupt = run(Map.of("CREACT_ENCRYPTION_KEY", other), null, "secrets", "set", "B", "b");
        assertEquals(1, corrupt.exitCode());
        assertTrue(corrupt.all().contains("secrets.enc.json is corrupt"), corrupt.all());
        assertEquals("{\"format\": 1, \"secr", Files.readString(file));
        var failedEntries = run("audit", "list", "--json", "--action", "secret-set").stdout();
        assertTrue(failedEntries.contains("\"status\":\"failed\""), failedEntries);
        assertFalse(failedEntries.contains(secretValue), failedEntries);
    }
}
