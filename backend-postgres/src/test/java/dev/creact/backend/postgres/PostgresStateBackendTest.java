package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.LockHeldException;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the postgres backend does beyond the conformance suite: connecting, migrating, locks across sessions, group commit. */
@DisplayName("The postgres backend, against a real PostgreSQL")
class PostgresStateBackendTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    static PostgresServer server;
    private final List<StateBackend> opened = new ArrayList<>();
    private PostgresSettings settings;

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

    @BeforeEach
    void freshSchema() {
        settings = settings(server.jdbcUrl()).withSchema("unit_" + SCHEMAS.incrementAndGet());
    }

    @AfterEach
    void closeAll() {
        opened.forEach(StateBackend::close);
    }

    static PostgresSettings settings(String url) {
        return PostgresSettings.from(null, Map.of("PGPASSWORD", PostgresServer.PASSWORD), url);
    }

    private PostgresStateBackend backend() {
        var b = new PostgresStateBackend(settings);
        opened.add(b);
        return b;
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static ObjectNode entry(String id) {
        return Json.mapper().createObjectNode().put("event", "intent").put("id", id);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.connect(PostgresServer.DATABASE); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Ends the database session that holds {@code lock}'s advisory lock, as a dying process or a cut connection does. */
    private void endSessionOf(PostgresLock lock) throws SQLException {
        long key = lock.sessionKey();
        try (Connection c = server.connect(PostgresServer.DATABASE);
             var st = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND objsubid = 1 AND classid::bigint = ? AND objid::bigint = ?")) {
            st.setLong(1, key >>> 32);
            st.setLong(2, key & 0xffffffffL);
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), "the lock's session holds its advisory lock");
            }
        }
    }

    // ------------------------------------------------------------------ connecting

    @Nested
    @DisplayName("connecting")
    class Connecting {
        @Test
        @DisplayName("a refused connection is a clear error naming the URL, without the password")
        void refused() throws Exception {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var s = PostgresSettings.from(null, Map.of(),
                    "postgres://creact:s3cret-pw@127.0.0.1:" + port + "/creact");
            var e = assertThrows(UncheckedIOException.class, () -> new PostgresStateBackend(s));
            assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:" + port + "/creact"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
            assertTrue(e.getMessage().contains("Check that the server is running"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        }

        @Test
        @DisplayName("a wrong password is a clear error that says where the password comes from, and does not show it")
        void wrongPassword() {
            var s = PostgresSettings.from(null, Map.of("PGPASSWORD", "not-the-password"), server.jdbcUrl());
            var e = assertThrows(UncheckedIOException.class, () -> new PostgresStateBackend(s));
            assertTrue(e.getMessage().contains("refused the login"), e.getMessage());
            assertTrue(e.getMessage().contains("PGPASSWORD"), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        }

        @Test
        @DisplayName("the password comes from the variable passwordEnv names")
        void passwordEnv() {
            var config = Json.mapper().createObjectNode().put("type", "postgres").put("url", server.jdbcUrl())
                    .put("schema", settings.schema()).put("passwordEnv", "TEAM_DB_PASSWORD");
            var s = PostgresSettings.from(config, Map.of("TEAM_DB_PASSWORD", PostgresServer.PASSWORD), null);
            try (var b = new PostgresStateBackend(s)) {
                assertEquals(List.of(), b.stacks());
                assertTrue(b.describe().contains(server.jdbcUrl()), b.describe());
            }
        }
    }

    // ------------------------------------------------------------------ schema

    @Nested
    @DisplayName("the schema")
    class Schema {
        @Test
        @DisplayName("is created on first use, and two processes starting at once migrate it once")
        void createdOnce() throws Exception {
            var pool = Executors.newFixedThreadPool(4);
            try {
                var starts = new ArrayList<Future<PostgresStateBackend>>();
                for (int i = 0; i < 4; i++) {
                    starts.add(pool.submit((Callable<PostgresStateBackend>) () -> new PostgresStateBackend(settings)));
                }
                for (var f : starts) {
                    opened.add(f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = server.connect(PostgresServer.DATABASE); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*), max(version) FROM " + settings.schema() + ".schema_version")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
        }

        @Test
        @DisplayName("newer than this creact knows is refused with a clear message, and left as it is")
        void newerRefused() throws Exception {
            backend().write("dev", dom("kept"), 0);
            execute("INSERT INTO " + settings.schema() + ".schema_version (version, description) VALUES (7, 'from the future')");
            var e = assertThrows(UncheckedIOException.class, () -> new PostgresStateBackend(settings));
            assertTrue(e.getMessage().contains("is at version 7, newer than this creact knows (1)"), e.getMessage());
            assertTrue(e.getMessage().contains("Upgrade creact"), e.getMessage());
            execute("DELETE FROM " + settings.schema() + ".schema_version WHERE version = 7");
            assertEquals("kept", backend().read("dev").orElseThrow().cloudDom().byId().get("r").props().path("tag").asText());
        }

        @Test
        @DisplayName("older than this creact is migrated forward; a migration that fails leaves it as it was")
        void olderMigrated() throws Exception {
            backend().write("dev", dom("v1"), 0);
            var v1 = SchemaMigrations.builtIn();
            var broken = new ArrayList<>(v1);
            broken.add(new SchemaMigrations.Migration(2, "half done", "CREATE TABLE ${schema}.half (x int); SELECT 1/0;"));
            assertThrows(UncheckedIOException.class, () -> new PostgresStateBackend(settings, new SchemaMigrations(broken)));
            try (Connection c = server.connect(PostgresServer.DATABASE)) {
                assertEquals(1, SchemaMigrations.currentVersion(c, settings.schema()));
                try (var st = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                    st.setString(1, settings.schema() + ".half");
                    try (var rs = st.executeQuery()) {
                        rs.next();
                        assertTrue(rs.getBoolean(1), "nothing of the failed migration is left");
                    }
                }
            }
            var v2 = new ArrayList<>(v1);
            v2.add(new SchemaMigrations.Migration(2, "notes", "ALTER TABLE ${schema}.states ADD COLUMN note text"));
            var migrated = new PostgresStateBackend(settings, new SchemaMigrations(v2));
            opened.add(migrated);
            assertEquals("v1", migrated.read("dev").orElseThrow().cloudDom().byId().get("r").props().path("tag").asText());
            try (Connection c = server.connect(PostgresServer.DATABASE)) {
                assertEquals(2, SchemaMigrations.currentVersion(c, settings.schema()));
            }
        }
    }

    static dev.creact.engine.model.CloudDom dom(String tag) {
        var props = Json.mapper().createObjectNode().put("tag", tag);
        return new dev.creact.engine.model.CloudDom(dev.creact.engine.model.CloudDom.FORMAT_VERSION, "dev",
                List.of(new dev.creact.engine.model.Node("r", List.of(), "mock:Resource", props, List.of(), null, null, null)),
                Map.of());
    }

    // ------------------------------------------------------------------ state

    @Test
    @DisplayName("a state changed in the database by hand is refused (checksum), not used")
    void handEditRefused() throws Exception {
        var b = backend();
        b.write("dev", dom("real"), 0);
        execute("UPDATE " + settings.schema() + ".states SET cloud_dom = replace(cloud_dom, 'real', 'fake')");
        var e = assertThrows(dev.creact.engine.backend.StateCorruptException.class, () -> b.read("dev"));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
    }

    @Test
    @DisplayName("two writers at once on the same serial: exactly one writes, the other gets a conflict, no update is lost")
    void twoWritersAtOnce() throws Exception {
        var first = backend();
        var second = backend();
        first.write("dev", dom("base"), 0);
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                long serial = first.read("dev").orElseThrow().serial();
                var barrier = new java.util.concurrent.CyclicBarrier(2);
                Callable<String> a = () -> {
                    barrier.await();
                    first.write("dev", dom("a"), serial);
                    return "a";
                };
                Callable<String> b = () -> {
                    barrier.await();
                    second.write("dev", dom("b"), serial);
                    return "b";
                };
                var fa = pool.submit(a);
                var fb = pool.submit(b);
                var won = new ArrayList<String>();
                int conflicts = 0;
                for (var f : List.of(fa, fb)) {
                    try {
                        won.add(f.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertTrue(e.getCause() instanceof dev.creact.engine.backend.SerialConflictException, e.toString());
                        conflicts++;
                    }
                }
                assertEquals(1, won.size(), "round " + round);
                assertEquals(1, conflicts, "round " + round);
                var now = first.read("dev").orElseThrow();
                assertEquals(serial + 1, now.serial());
                assertEquals(won.getFirst(), now.cloudDom().byId().get("r").props().path("tag").asText(), "the winner's state is kept");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ locks

    @Nested
    @DisplayName("locks across sessions")
    class Locks {
        @Test
        @DisplayName("a holder whose connection ended (its process died) frees the lock at once, long before its TTL")
        void holderGone() throws Exception {
            var first = backend();
            var second = backend();
            var lock = (PostgresLock) first.lock("dev", "creact deploy", Duration.ofMinutes(10));
            lock.abandon(); // as a killed process: no renewal, no release
            assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)),
                    "alive (its session holds the advisory lock): not taken");
            endSessionOf(lock);
            until("the lock is seen as free", () -> second.lockHolder("dev").isEmpty());
            try (var taken = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
                assertTrue(taken.held());
            }
        }

        @Test
        @DisplayName("a live holder whose lock was taken over writes no more journal entries (fencing) and sees it lost the lock")
        void fenced() throws Exception {
            var first = backend();
            var second = backend();
            var lock = (PostgresLock) first.lock("dev", "creact deploy", Duration.ofMillis(900));
            var journal = first.openJournal("dev", true);
            journal.append(entry("before"));
            var removed = second.forceUnlock("dev", lock.lockId());
            assertEquals(lock.lockId(), removed.lockId());
            try (var taken = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
                var e = assertThrows(RuntimeException.class, () -> journal.append(entry("after")));
                assertTrue(e.getMessage().contains("no longer this process's"), e.getMessage());
                assertEquals(List.of("before"), second.readJournal("dev").stream().map(n -> n.path("id").asText()).toList());
                until("the old holder notices", () -> !lock.held());
            } finally {
                journal.close();
                lock.close();
            }
        }

        @Test
        @DisplayName("a server restart does not hand a live holder's lock to someone else; the holder carries on with a new session")
        void survivesRestart() throws Exception {
            var first = backend();
            var second = backend();
            var lock = (PostgresLock) first.lock("dev", "creact deploy", Duration.ofSeconds(6));
            long before = lock.sessionKey();
            server.stop();
            server.restart();
            assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)),
                    "its session is gone with the restart, but its lease has not expired");
            until("the holder renewed with a new session", () -> lock.sessionKey() != before);
            assertTrue(lock.held());
            assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)),
                    "renewed: alive");
            lock.close();
            try (var next = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
                assertTrue(next.held());
            }
        }
    }

    // ------------------------------------------------------------------ journal

    @Nested
    @DisplayName("the journal")
    class JournalTests {
        @Test
        @DisplayName("appends from parallel operations share commits (group commit); each returns once its entry is stored")
        void groupCommit() throws Exception {
            var b = backend();
            var lock = b.lock("dev", "creact deploy", Duration.ofSeconds(30));
            var journal = (PostgresJournal) b.openJournal("dev", true);
            int threads = 20;
            var pool = Executors.newFixedThreadPool(threads);
            // Hold the lock row so that the writer's first transaction waits (its fence reads the row FOR SHARE);
            // meanwhile every other append queues up behind it.
            try (Connection blocker = server.connect(PostgresServer.DATABASE)) {
                blocker.setAutoCommit(false);
                try (var st = blocker.createStatement()) {
                    st.executeQuery("SELECT * FROM " + settings.schema() + ".locks FOR UPDATE").close();
                }
                var done = new ArrayList<Future<?>>();
                done.add(pool.submit(() -> journal.append(entry("r0"))));
                until("the first append's transaction waits for the lock row", () -> journal.committing() == 1);
                for (int i = 1; i < threads; i++) {
                    String id = "r" + i;
                    done.add(pool.submit(() -> journal.append(entry(id))));
                }
                until("every append but the first is waiting", () -> journal.waiting() == threads - 1);
                assertTrue(done.stream().noneMatch(Future::isDone), "no append returned before its entry was stored");
                blocker.rollback();
                for (var f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2, journal.commits(), "the first entry alone, then the 19 that queued behind it in one transaction");
            assertEquals(threads, backend().readJournal("dev").size());
            journal.sync();
            journal.close();
            lock.close();
        }

        @Test
        @DisplayName("after the database went away the journal refuses every later entry at once")
        void brokenStaysBroken() throws Exception {
            var b = backend();
            var journal = b.openJournal("dev", true);
            journal.append(entry("a"));
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'creact'");
            var first = assertThrows(UncheckedIOException.class, () -> journal.append(entry("b")));
            assertTrue(first.getMessage().contains("write the deployment journal"), first.getMessage());
            var next = assertThrows(UncheckedIOException.class, () -> journal.append(entry("c")));
            assertTrue(next.getMessage().contains("takes no more entries after an earlier failure"), next.getMessage());
            journal.close();
            assertEquals(List.of("a"), backend().readJournal("dev").stream().map(n -> n.path("id").asText()).toList());
        }
    }
}
