package dev.creact.cli;

import dev.creact.backend.postgres.PostgresServer;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The postgres backend as a team uses it: real {@code creact} processes in separate project folders (standing in
 * for separate machines) sharing one real PostgreSQL server, which the test starts on a free port and stops after.
 */
@DisplayName("The postgres backend from the command line: several processes, one database")
class PostgresBackendCliTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.launch();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static String newSchema() {
        return "cli_" + SCHEMAS.incrementAndGet();
    }

    static String backendJson(String schema) {
        return "{\"type\": \"postgres\", \"url\": \"" + server.jdbcUrl() + "\", \"schema\": \"" + schema + "\"}";
    }

    /** A project folder (a "machine") on the stack of {@link CrashAndLockTest}, its state in {@code schema}, its mock ledger at {@code ledger}. */
    static Path machine(Path dir, String schema, Path ledger) throws IOException {
        return machine(dir, schema, ledger, 100);
    }

    /** As {@link #machine(Path, String, Path)}, each mock call taking {@code latencyMs}. */
    static Path machine(Path dir, String schema, Path ledger, int latencyMs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("infrastructure.tsx"), CrashAndLockTest.stack().replace("latencyMs: 100",
                "latencyMs: " + latencyMs));
        Files.writeString(dir.resolve("creact.config.json"), "{ \"parallelism\": 2, \"backend\": " + backendJson(schema)
                + ", \"providers\": {\"mock\": {\"ledger\": \"" + ledger + "\"}} }\n");
        return dir;
    }

    static ProcessBuilder creact(Path dir, String... args) {
        var pb = CreactProcess.builder(dir, args);
        pb.environment().put("PGPASSWORD", PostgresServer.PASSWORD);
        pb.environment().remove("CREACT_BACKEND_URL");
        return pb;
    }

    static CreactProcess.Result run(Path dir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("creact-out", ".txt");
        Path err = Files.createTempFile("creact-err", ".txt");
        try {
            var p = creact(dir, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("creact " + String.join(" ", args) + " did not finish in 180 s");
            }
            return new CreactProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Process start(Path dir, Path log, String... args) throws IOException {
        return creact(dir, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Rows in the schema's journal table: how far a deployment has got. */
    static long journalRows(String schema) {
        try (var c = server.connect(PostgresServer.DATABASE); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM " + schema + ".journal_entries")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // not migrated yet, or the server is restarting
        }
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode n, Map<String, String> out) {
        out.put(n.path("id").asText(), n.path("type").asText() + " " + Json.write(n.path("props")) + " "
                + Json.write(n.path("outputs")));
        n.path("children").forEach(c -> collect(c, out));
    }

    static void assertCreatedOnce(Path ledger, String context) throws IOException {
        var creates = MockLedger.successfulCreates(ledger);
        assertEquals(CrashAndLockTest.RESOURCES, creates.size(), context);
        creates.forEach((id, n) -> assertEquals(1L, n, context + ": " + id + " created " + n + " times"));
        assertEquals(CrashAndLockTest.RESOURCES, MockLedger.existing(ledger).size(), context);
    }

    /** Deploys what is left after an interruption, from {@code dir}: resume if the deployment is marked interrupted. */
    static void finish(Path dir, String context) throws Exception {
        var again = run(dir, "deploy", "--auto-approve", "--lock-timeout", "60s");
        if (again.exitCode() != 0) {
            assertTrue(again.all().contains("was interrupted after") && again.all().contains("creact resume"),
                    context + "\n" + again.all());
            var resumed = run(dir, "resume", "--auto-approve", "--lock-timeout", "60s");
            assertEquals(0, resumed.exitCode(), context + "\n" + resumed.all());
        }
        var plan = run(dir, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), context + ": the final plan is empty\n" + plan.all());
    }

    @Test
    @DisplayName("deploys from three machines on one stack: one applies, one fails naming the holder, one waits (--lock-timeout) and finds nothing left to do; nothing is created twice")
    void lockAcrossMachines(@TempDir Path base) throws Exception {
        String schema = newSchema();
        Path ledger = base.resolve("ledger.jsonl");
        Path a = machine(base.resolve("a"), schema, ledger, 500);
        Path b = machine(base.resolve("b"), schema, ledger, 500);
        Path c = machine(base.resolve("c"), schema, ledger, 500);
        var first = start(a, base.resolve("a.log"), "deploy", "--auto-approve");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journalRows(schema) == 0 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        var waiter = start(c, base.resolve("c.log"), "deploy", "--auto-approve", "--lock-timeout", "2m");
        var second = run(b, "deploy", "--auto-approve");
        assertTrue(first.isAlive(), "the first deploy was still running when the second gave up");
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && waiter.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue(), Files.readString(base.resolve("a.log")));
        assertEquals(1, second.exitCode(), second.all());
        for (String expected : new String[]{"is locked by", "pid " + first.pid(), "creact deploy", "held for",
                "creact unlock --force"}) {
            assertTrue(second.all().contains(expected), "the loser names the holder (" + expected + "):\n" + second.all());
        }
        String waited = Files.readString(base.resolve("c.log"));
        assertEquals(0, waiter.exitValue(), waited);
        assertTrue(waited.contains("waiting up to 120 s for the lock"), waited);
        assertTrue(waited.contains("No changes"), waited);
        assertCreatedOnce(ledger, "three deploys");
    }

    @Test
    @DisplayName("kill -9 of a deploy at random moments, then resume from another machine: nothing created twice, the final plan empty")
    void killAndResumeElsewhere(@TempDir Path base) throws Exception {
        String cleanSchema = newSchema();
        Path clean = machine(base.resolve("clean"), cleanSchema, base.resolve("clean-ledger.jsonl"));
        var deployed = run(clean, "deploy", "--auto-approve");
        assertEquals(0, deployed.exitCode(), deployed.all());
        var expected = stored(cleanSchema);
        assertEquals(CrashAndLockTest.RESOURCES, expected.size());

        var random = new Random(7);
        int interrupted = 0;
        for (int trial = 0; trial < 3; trial++) {
            String schema = newSchema();
            Path ledger = base.resolve("ledger-" + trial + ".jsonl");
            Path a = machine(base.resolve("a-" + trial), schema, ledger);
            Path b = machine(base.resolve("b-" + trial), schema, ledger);
            var deploy = start(a, base.resolve("deploy-" + trial + ".log"), "deploy", "--auto-approve");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (journalRows(schema) == 0 && deploy.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long killAfter = 200 + random.nextInt(1500);
            String context = "trial " + trial + " (killed after " + killAfter + " ms)";
            if (deploy.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                assertEquals(0, deploy.exitValue(), Files.readString(base.resolve("deploy-" + trial + ".log")));
            } else {
                deploy.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no finally blocks, no lock release
                interrupted++;
                // "Machine" b takes over at once: the killed holder's database session ended with it.
                var resumed = run(b, "resume", "--auto-approve");
                if (resumed.exitCode() != 0) {
                    assertTrue(resumed.all().contains("not interrupted"), context + "\n" + resumed.all());
                    var again = run(b, "deploy", "--auto-approve");
                    assertEquals(0, again.exitCode(), context + "\n" + again.all());
                }
            }
            var plan = run(b, "plan", "--detailed-exitcode");
            assertEquals(0, plan.exitCode(), context + ": the final plan is empty\n" + plan.all());
            assertEquals(expected, stored(schema), context);
            assertCreatedOnce(ledger, context);
        }
        assertTrue(interrupted >= 2, "at least two trials were killed mid-deploy (got " + interrupted + ")");
    }

    /** id → (type, props, outputs) of the state stored in {@code schema}: what must match a clean deploy. */
    static Map<String, String> stored(String schema) throws Exception {
        var out = new TreeMap<String, String>();
        try (var c = server.connect(PostgresServer.DATABASE); var st = c.createStatement();
             var rs = st.executeQuery("SELECT cloud_dom FROM " + schema + ".states WHERE stack = 'dev'")) {
            assertTrue(rs.next(), "a state in " + schema);
            for (var n : Json.mapper().readTree(rs.getString(1)).path("resources")) {
                collect(n, out);
            }
        }
        return out;
    }

    @Test
    @DisplayName("the database restarting mid-deploy: the deploy stops cleanly, journal and state agree, and it is finished afterwards")
    void databaseRestart(@TempDir Path base) throws Exception {
        String schema = newSchema();
        Path ledger = base.resolve("ledger.jsonl");
        Path a = machine(base.resolve("a"), schema, ledger);
        Path log = base.resolve("deploy.log");
        var deploy = start(a, log, "deploy", "--auto-approve");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (journalRows(schema) < 10 && deploy.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(deploy.isAlive(), "the deploy was still running when the database went away");
        server.stop();
        Thread.sleep(1000);
        server.restart();
        assertTrue(deploy.waitFor(120, TimeUnit.SECONDS));
        String output = Files.readString(log);
        assertEquals(1, deploy.exitValue(), "the deploy failed:\n" + output);
        assertTrue(output.contains("PostgreSQL backend at " + server.jdbcUrl()), "it says which database:\n" + output);
        assertFalse(output.contains("Exception in thread") || output.contains("\tat "), "no stack trace:\n" + output);

        // Journal and state agree: whatever exists (the ledger) is in the state or has an intent in the journal,
        // so that recovery knows of it; nothing exists that neither mentions.
        var known = new HashSet<String>();
        try (var c = server.connect(PostgresServer.DATABASE); var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT cloud_dom FROM " + schema + ".states")) {
                if (rs.next()) {
                    Json.mapper().readTree(rs.getString(1)).path("resources").forEach(n -> known.add(n.path("id").asText()));
                }
            }
            try (var rs = st.executeQuery("SELECT e.entry FROM " + schema + ".journal_entries e JOIN " + schema
                    + ".journals j ON j.stack = e.stack AND j.generation = e.generation")) {
                while (rs.next()) {
                    known.add(Json.mapper().readTree(rs.getString(1)).path("id").asText());
                }
            }
        }
        for (String id : MockLedger.existing(ledger)) {
            assertTrue(known.contains(id), id + " exists but neither the state nor the journal mentions it");
        }
        finish(a, "after the restart");
        assertCreatedOnce(ledger, "after the restart");
    }

    @Test
    @DisplayName("a stack moves file → postgres → file with `creact state migrate`: byte-identical, the source untouched, the way back refused over an existing stack")
    void migrationRoundTrip(@TempDir Path base) throws Exception {
        String schema = newSchema();
        Path fileProject = Files.createDirectories(base.resolve("on-files"));
        Files.writeString(fileProject.resolve("infrastructure.tsx"), CrashAndLockTest.stack().replace("latencyMs: 100", "latencyMs: 0"));
        Files.writeString(fileProject.resolve("creact.config.json"), "{ \"parallelism\": 4 }\n");
        var deployed = run(fileProject, "deploy", "--auto-approve");
        assertEquals(0, deployed.exitCode(), deployed.all());
        var files = new FileStateBackend(fileProject);
        files.writeDocument("dev", "secrets.enc.json", new byte[]{0, 1, 2, (byte) 0xff});
        files.appendLog("dev", "audit", "{\"seq\":1,\"what\":\"deploy\"}");
        Path stackDir = fileProject.resolve(".creact/stacks/dev");
        var before = snapshot(stackDir);

        var toPg = run(fileProject, "state", "migrate", "--to", backendJson(schema));
        assertEquals(0, toPg.exitCode(), toPg.all());
        assertTrue(toPg.all().contains("dev: state serial 1 (" + CrashAndLockTest.RESOURCES + " resources)"), toPg.all());
        assertTrue(toPg.all().contains("verified"), toPg.all());
        assertEquals(before, snapshot(stackDir), "the source is untouched");

        // Another machine on the database sees the same stack: nothing to do.
        Path pgProject = Files.createDirectories(base.resolve("on-postgres"));
        Files.copy(fileProject.resolve("infrastructure.tsx"), pgProject.resolve("infrastructure.tsx"));
        Files.writeString(pgProject.resolve("creact.config.json"), "{ \"backend\": " + backendJson(schema) + " }\n");
        var plan = run(pgProject, "plan", "--detailed-exitcode");
        assertEquals(0, plan.exitCode(), plan.all());
        var pull = run(pgProject, "state", "pull");
        assertEquals(0, pull.exitCode(), pull.all());
        var pulled = Json.mapper().readTree(pull.stdout());
        var original = Json.mapper().readTree(Files.readString(stackDir.resolve("state.json"))).path("content");
        assertEquals(original.path("serial"), pulled.path("serial"));
        assertEquals(original.path("cloudDom"), pulled.path("cloudDom"));

        // And back to files, in the postgres project's folder: the same bytes as the original.
        var toFiles = run(pgProject, "state", "migrate", "--to", "file");
        assertEquals(0, toFiles.exitCode(), toFiles.all());
        assertEquals(before, snapshot(pgProject.resolve(".creact/stacks/dev")), "byte-identical after the round trip");

        // Back into the original folder: it still holds the stack, so the copy is refused and nothing changes.
        Files.writeString(fileProject.resolve("creact.config.json"), "{ \"backend\": " + backendJson(schema) + " }\n");
        var refused = run(fileProject, "state", "migrate", "--to", "file");
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.all().contains("already holds stack(s) dev"), refused.all());
        assertEquals(before, snapshot(stackDir));
    }

    /** The bytes of a stack folder's files that a migration carries (not the lock, nor backups). */
    private static Map<String, String> snapshot(Path stackDir) throws IOException {
        var out = new TreeMap<String, String>();
        for (String name : new String[]{"state.json", "deployment.json", "journal.jsonl", "secrets.enc.json", "audit.jsonl"}) {
            Path f = stackDir.resolve(name);
            out.put(name, Files.exists(f) ? java.util.HexFormat.of().formatHex(Files.readAllBytes(f)) : "(missing)");
        }
        assertFalse(out.containsValue("(missing)"), "every part is there: " + out.keySet());
        return out;
    }

    @Test
    @DisplayName("a refused connection is one clear error naming the URL without the password; a schema from a newer creact is refused")
    void refusedAndStale(@TempDir Path base) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(base.resolve("p"));
        Files.writeString(dir.resolve("infrastructure.tsx"), CrashAndLockTest.stack());
        Files.writeString(dir.resolve("creact.config.json"), "{}\n");
        var pb = creact(dir, "plan");
        pb.environment().put("CREACT_BACKEND_URL", "postgres://ci:hunter2@127.0.0.1:" + port + "/infra");
        Path out = base.resolve("out.txt");
        var p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), text);
        assertTrue(text.contains("jdbc:postgresql://127.0.0.1:" + port + "/infra"), text);
        assertTrue(text.contains("cannot be reached"), text);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("\tat "), "no stack trace:\n" + text);

        String schema = newSchema();
        Path a = machine(base.resolve("a"), schema, base.resolve("ledger.jsonl"));
        assertEquals(2, run(a, "plan", "--detailed-exitcode").exitCode(), "the schema is created on first use");
        try (var c = server.connect(PostgresServer.DATABASE); var st = c.createStatement()) {
            st.execute("INSERT INTO " + schema + ".schema_version (version, description) VALUES (99, 'from the future')");
        }
        var stale = run(a, "plan");
        assertEquals(1, stale.exitCode(), stale.all());
        assertTrue(stale.all().contains("is at version 99, newer than this creact knows"), stale.all());
    }
}
