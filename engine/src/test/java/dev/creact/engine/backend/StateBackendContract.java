package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every state backend must do, as Terraform's backend tests ask of every backend: each backend's
 * test class extends this and says how to open a backend on one shared store (as two processes or two
 * machines would see the same folder or database), how to tear the journal's last entry, and how to make a
 * lock holder die without letting go.
 */
public abstract class StateBackendContract {
    private final List<StateBackend> opened = new ArrayList<>();

    /** A new backend instance on this test's store (every call sees the same stacks). */
    protected abstract StateBackend newInstance();

    /** Leaves a half-written entry at the end of {@code stack}'s journal, as a crash mid-append does. */
    protected abstract void tearJournal(StateBackend backend, String stack);

    /** Makes {@code lock}'s holder stop renewing without releasing, as a holder that died would. */
    protected abstract void crash(StackLock lock);

    protected StateBackend backend() {
        var b = newInstance();
        opened.add(b);
        return b;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(StateBackend::close);
    }

    static CloudDom dom(String stack, int resources, String tag) {
        var nodes = new ArrayList<Node>();
        for (int i = 0; i < resources; i++) {
            ObjectNode props = Json.mapper().createObjectNode().put("tag", tag).put("index", i);
            nodes.add(new Node("r" + i, List.of(), "mock:Resource", props, List.of(), null, null, null,
                    i > 0 ? List.of("r" + (i - 1)) : List.of()));
        }
        return new CloudDom(CloudDom.FORMAT_VERSION, stack, nodes, java.util.Map.of());
    }

    static ObjectNode entry(String deployment, String id) {
        return Json.mapper().createObjectNode().put("deployment", deployment).put("event", "intent").put("id", id);
    }

    // ------------------------------------------------------------------ state

    @Test
    @DisplayName("a stack with nothing deployed reads as empty and has no state version")
    void emptyStack() {
        var b = backend();
        assertTrue(b.read("dev").isEmpty());
        assertTrue(b.stateVersion("dev").isEmpty());
        assertTrue(b.readDeployment("dev").isEmpty());
        assertTrue(b.readJournal("dev").isEmpty());
    }

    @Test
    @DisplayName("a written state reads back equal, from another instance too, with the serial one higher")
    void roundTrip() {
        var b = backend();
        assertEquals(1, b.write("dev", dom("dev", 3, "one"), 0));
        assertEquals(2, b.write("dev", dom("dev", 3, "two"), 1));
        var snapshot = backend().read("dev").orElseThrow();
        assertEquals(2, snapshot.serial());
        assertEquals(dom("dev", 3, "two"), snapshot.cloudDom());
        assertEquals(List.of("r0"), snapshot.cloudDom().byId().get("r1").dependencies(), "recorded edges survive");
    }

    @Test
    @DisplayName("stacks are isolated from each other, and listed once they hold something")
    void stacksIsolated() {
        var b = backend();
        b.write("a", dom("a", 1, "in a"), 0);
        b.writeDocument("b", "notes", "b".getBytes(StandardCharsets.UTF_8));
        assertTrue(b.read("b").isEmpty());
        assertEquals("in a", b.read("a").orElseThrow().cloudDom().byId().get("r0").props().get("tag").asText());
        assertTrue(b.readDocument("a", "notes").isEmpty());
        assertEquals(List.of("a", "b"), backend().stacks());
    }

    @Test
    @DisplayName("a write against a serial that moved on is refused, and the winner's state is kept")
    void serialConflict() {
        var first = backend();
        var second = backend();
        first.write("dev", dom("dev", 1, "base"), 0);
        long seen = second.read("dev").orElseThrow().serial();
        assertEquals(2, first.write("dev", dom("dev", 1, "winner"), seen));
        var e = assertThrows(SerialConflictException.class, () -> second.write("dev", dom("dev", 1, "loser"), seen));
        assertEquals(1, e.expected());
        assertEquals(2, e.actual());
        assertEquals("winner", first.read("dev").orElseThrow().cloudDom().byId().get("r0").props().get("tag").asText());
        assertThrows(SerialConflictException.class, () -> first.write("fresh", dom("fresh", 1, "x"), 5),
                "a stack without state is at serial 0");
    }

    @Test
    @DisplayName("writers racing with read-and-compare-and-set lose no update")
    void noLostUpdates() throws Exception {
        int writers = 4;
        int each = 8;
        var pool = Executors.newFixedThreadPool(writers);
        try {
            var futures = new ArrayList<Future<Integer>>();
            for (int w = 0; w < writers; w++) {
                var mine = backend();
                futures.add(pool.submit((Callable<Integer>) () -> {
                    int conflicts = 0;
                    for (int done = 0; done < each; ) {
                        var now = mine.read("dev");
                        long serial = now.map(s -> s.serial()).orElse(0L);
                        int count = now.map(s -> s.cloudDom().byId().get("r0").props().get("index").asInt()).orElse(0);
                        var next = new CloudDom(CloudDom.FORMAT_VERSION, "dev", List.of(new Node("r0", List.of(),
                                "mock:Resource", Json.mapper().createObjectNode().put("index", count + 1), List.of(),
                                null, null, null)), java.util.Map.of());
                        try {
                            mine.write("dev", next, serial);
                            done++;
                        } catch (SerialConflictException e) {
                            conflicts++;
                        }
                    }
                    return conflicts;
                }));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        var end = backend().read("dev").orElseThrow();
        assertEquals(writers * each, end.serial());
        assertEquals(writers * each, end.cloudDom().byId().get("r0").props().get("index").asInt(),
                "every increment is there: no write overwrote another");
    }

    @Test
    @DisplayName("the state version changes with every write")
    void stateVersion() {
        var b = backend();
        b.write("dev", dom("dev", 1, "one"), 0);
        String v1 = b.stateVersion("dev").orElseThrow();
        assertEquals(v1, backend().stateVersion("dev").orElseThrow(), "the same for every instance");
        b.write("dev", dom("dev", 1, "one"), 1);
        assertNotEquals(v1, b.stateVersion("dev").orElseThrow(), "a rewrite with the same content still changes it");
    }

    @Test
    @DisplayName("a large state (10,000 resources) writes and reads back whole")
    void largeState() {
        var b = backend();
        var big = dom("dev", 10_000, "big");
        b.write("dev", big, 0);
        var back = backend().read("dev").orElseThrow().cloudDom();
        assertEquals(10_000, back.size());
        assertEquals(big, back);
    }

    // ------------------------------------------------------------------ deployment record

    @Test
    @DisplayName("the deployment record reads back as written, status first")
    void deploymentRecord() {
        var b = backend();
        var record = new DeploymentState("d1", "dev", DeploymentStatus.APPLYING, dom("dev", 1, "before"),
                dom("dev", 2, "target"), List.of("r0", "r1"), List.of(), List.of(), null, "t0", "t1", "alice", "host", 42,
                "creact deploy");
        b.writeDeployment("dev", record);
        assertEquals(DeploymentStatus.APPLYING, backend().deploymentStatus("dev").orElseThrow());
        assertEquals(record, backend().readDeployment("dev").orElseThrow());
    }

    // ------------------------------------------------------------------ journal

    @Test
    @DisplayName("journal entries appended before a crash (the journal never closed) are all there for the next process")
    void replayAfterCrash() {
        var b = backend();
        var journal = b.openJournal("dev", true);
        for (int i = 0; i < 5; i++) {
            journal.append(entry("d1", "r" + i));
        }
        // No close: the process died here.
        var entries = backend().readJournal("dev");
        assertEquals(5, entries.size());
        assertEquals("r4", entries.get(4).path("id").asText());
        journal.close();
    }

    @Test
    @DisplayName("a torn last journal entry is skipped; the whole ones before it are kept")
    void tornJournal() {
        var b = backend();
        try (var journal = b.openJournal("dev", true)) {
            journal.append(entry("d1", "a"));
            journal.append(entry("d1", "b"));
        }
        tearJournal(b, "dev");
        var entries = backend().readJournal("dev");
        assertEquals(List.of("a", "b"), entries.stream().map(e -> e.path("id").asText()).toList());
    }

    @Test
    @DisplayName("a fresh journal starts empty; the stack's journals are separate")
    void freshJournal() {
        var b = backend();
        try (var journal = b.openJournal("dev", true)) {
            journal.append(entry("d1", "old"));
        }
        try (var journal = b.openJournal("other", true)) {
            journal.append(entry("d9", "elsewhere"));
        }
        try (var journal = b.openJournal("dev", false)) {
            journal.append(entry("d1", "more"));
        }
        assertEquals(2, b.readJournal("dev").size(), "not fresh: appended to");
        try (var journal = b.openJournal("dev", true)) {
            journal.append(entry("d2", "new"));
        }
        assertEquals(List.of("new"), b.readJournal("dev").stream().map(e -> e.path("id").asText()).toList());
        assertEquals(1, b.readJournal("other").size());
    }

    // ------------------------------------------------------------------ locks

    @Test
    @DisplayName("of two instances contending for one stack's lock only one wins; the loser is told who holds it")
    void lockContention() {
        var first = backend();
        var second = backend();
        try (var held = first.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
            var e = assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)));
            assertEquals(held.info().lockId(), e.holder().lockId());
            assertTrue(e.getMessage().contains(held.info().lockId()), e.getMessage());
            assertTrue(e.getMessage().contains("creact unlock --force"), e.getMessage());
            assertEquals(held.info().lockId(), second.lockHolder("dev").orElseThrow().lockId());
            assertTrue(held.held());
            try (var other = second.lock("other", "creact deploy", Duration.ofSeconds(30))) {
                assertTrue(other.held(), "another stack's lock is independent");
            }
        }
        assertTrue(second.lockHolder("dev").isEmpty(), "released on close");
        try (var next = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
            assertTrue(next.held());
        }
    }

    @Test
    @DisplayName("a lock whose holder died lapses after its TTL and can be taken")
    void ttlExpiry() throws Exception {
        var first = backend();
        var second = backend();
        var dead = first.lock("dev", "creact deploy", Duration.ofMillis(300));
        crash(dead);
        assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)),
                "still within its TTL");
        Thread.sleep(600);
        assertTrue(second.lockHolder("dev").isEmpty(), "lapsed");
        try (var taken = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
            assertNotEquals(dead.info().lockId(), taken.info().lockId());
            assertEquals(dead.info().lockId(), taken.tookOver().map(i -> i.lockId()).orElse(null),
                    "the acquisition names the expired lock it replaced (for the audit's lock-taken-over)");
            assertEquals(dead.info().command(), taken.tookOver().map(i -> i.command()).orElse(null));
        }
        try (var free = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
            assertTrue(free.tookOver().isEmpty(), "a free stack replaces nobody");
        }
    }

    @Test
    @DisplayName("force-unlock with the id from the error frees the stack, and the old holder notices it lost the lock")
    void forceUnlock() throws Exception {
        var first = backend();
        var second = backend();
        var held = first.lock("dev", "creact deploy", Duration.ofMillis(300));
        var e = assertThrows(LockHeldException.class, () -> second.lock("dev", "creact deploy", Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> second.forceUnlock("dev", "not-the-id"));
        var removed = second.forceUnlock("dev", e.holder().lockId());
        assertEquals(held.info().lockId(), removed.lockId());
        try (var mine = second.lock("dev", "creact deploy", Duration.ofSeconds(30))) {
            long until = System.nanoTime() + 5_000_000_000L;
            while (held.held() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertFalse(held.held(), "its next renewal found the lock taken");
            held.close();
            assertEquals(mine.info().lockId(), first.lockHolder("dev").orElseThrow().lockId(),
                    "the old holder's close does not release the new holder's lock");
        }
        assertThrows(IllegalArgumentException.class, () -> second.forceUnlock("dev", "whatever"), "not locked");
    }

    // ------------------------------------------------------------------ documents and logs

    @Test
    @DisplayName("documents are replaced whole; logs keep every line in order")
    void documentsAndLogs() {
        var b = backend();
        assertTrue(b.readDocument("dev", "secrets.enc.json").isEmpty());
        b.writeDocument("dev", "secrets.enc.json", "v1".getBytes(StandardCharsets.UTF_8));
        b.writeDocument("dev", "secrets.enc.json", "v2".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("v2".getBytes(StandardCharsets.UTF_8), backend().readDocument("dev", "secrets.enc.json").orElseThrow());
        assertEquals(List.of(), b.readLog("dev", "audit"));
        for (int i = 0; i < 3; i++) {
            b.appendLog("dev", "audit", "{\"n\":" + i + "}");
        }
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}"), backend().readLog("dev", "audit"));
        assertThrows(IllegalArgumentException.class, () -> b.appendLog("dev", "audit", "two\nlines"));
    }

    @Test
    @DisplayName("a log's last line is the one appended last, and nothing before the first append")
    void lastLogLine() {
        var b = backend();
        assertEquals(java.util.Optional.empty(), b.lastLogLine("dev", "audit"));
        for (int i = 0; i < 3; i++) {
            b.appendLog("dev", "audit", "{\"n\":" + i + ",\"text\":\"é→✓\"}");
            assertEquals(java.util.Optional.of("{\"n\":" + i + ",\"text\":\"é→✓\"}"), backend().lastLogLine("dev", "audit"));
        }
        assertEquals(java.util.Optional.empty(), b.lastLogLine("dev", "other"));
        assertEquals(java.util.Optional.empty(), b.lastLogLine("prod", "audit"));
    }

    // ------------------------------------------------------------------ copying between backends

    @Test
    @DisplayName("a stack's documents and logs are listed by name, sorted, apart from what the backend keeps for itself")
    void listsDocumentsAndLogs() {
        var b = backend();
        b.write("dev", dom("dev", 1, "x"), 0);
        try (var journal = b.openJournal("dev", true)) {
            journal.append(entry("d1", "a"));
        }
        b.writeDeployment("dev", new DeploymentState("d1", "dev", DeploymentStatus.DEPLOYED, null, null, List.of(),
                List.of(), List.of(), null, "t0", "t1", "alice", "host", 42, "creact deploy"));
        b.writeDocument("dev", "secrets.enc.json", new byte[]{1});
        b.writeDocument("dev", "adapter.tfstate", new byte[]{2});
        b.appendLog("dev", "audit", "{}");
        b.appendLog("dev", "adapter-events", "{}");
        b.writeDocument("other", "elsewhere", new byte[]{3});
        var reader = backend();
        assertEquals(List.of("adapter.tfstate", "secrets.enc.json"), reader.documents("dev"));
        assertEquals(List.of("adapter-events", "audit"), reader.logs("dev"));
        assertEquals(List.of(), reader.documents("nothing-here"));
        assertEquals(List.of(), reader.logs("nothing-here"));
    }

    @Test
    @DisplayName("an imported state keeps its serial, replaces what was there, and later writes go on from it")
    void importKeepsSerial() {
        var b = backend();
        b.write("dev", dom("dev", 2, "mine"), 0);
        b.importState("dev", new dev.creact.engine.model.StateSnapshot(41, dom("dev", 3, "copied")));
        var back = backend().read("dev").orElseThrow();
        assertEquals(41, back.serial());
        assertEquals(dom("dev", 3, "copied"), back.cloudDom());
        assertThrows(SerialConflictException.class, () -> b.write("dev", dom("dev", 1, "stale"), 1));
        assertEquals(42, b.write("dev", dom("dev", 1, "next"), 41));
    }

    @Test
    @DisplayName("deleting a stack removes all it held and leaves the other stacks alone")
    void deleteStack() {
        var b = backend();
        b.write("gone", dom("gone", 2, "x"), 0);
        b.writeDocument("gone", "stack.json", "{}".getBytes(StandardCharsets.UTF_8));
        b.appendLog("gone", "audit", "{}");
        try (var journal = b.openJournal("gone", true)) {
            journal.append(entry("d1", "a"));
        }
        b.write("kept", dom("kept", 1, "y"), 0);
        b.deleteStack("gone");
        var other = backend();
        assertTrue(other.read("gone").isEmpty());
        assertTrue(other.readDocument("gone", "stack.json").isEmpty());
        assertTrue(other.readLog("gone", "audit").isEmpty());
        assertTrue(other.readJournal("gone").isEmpty());
        assertEquals(List.of("kept"), other.stacks());
        assertEquals(1, other.read("kept").orElseThrow().serial());
    }

    @Test
    @DisplayName("exclusive sections: two instances doing read-modify-write of one document lose no update")
    void exclusiveSections() throws Exception {
        var a = backend();
        var b = backend();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 40; i++) {
                var mine = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> mine.exclusive("dev", "counter", () -> {
                    int n = mine.readDocument("dev", "counter.json").map(x -> Integer.parseInt(new String(x, StandardCharsets.UTF_8)))
                            .orElse(0);
                    mine.writeDocument("dev", "counter.json", Integer.toString(n + 1).getBytes(StandardCharsets.UTF_8));
                    return null;
                })));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("40", new String(backend().readDocument("dev", "counter.json").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("secrets and the audit chain go through the backend: sealed, listed, chained and verified from another instance")
    void secretsAndAudit() {
        var key = dev.creact.engine.security.EncryptionKey.of(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        new dev.creact.engine.security.SecretStore(backend(), "dev").set("API_KEY", "value-through-the-backend", key);
        var log = new dev.creact.engine.security.AuditLog(backend(), "dev", "k");
        for (int i = 0; i < 3; i++) {
            log.append(Json.mapper().createObjectNode().put("action", "secret-set").put("n", i));
        }
        var other = backend();
        assertEquals("value-through-the-backend",
                new dev.creact.engine.security.SecretStore(other, "dev").get("API_KEY", key).orElseThrow());
        assertFalse(new String(other.readDocument("dev", "secrets.enc.json").orElseThrow(), StandardCharsets.UTF_8)
                .contains("value-through-the-backend"));
        assertTrue(new dev.creact.engine.security.AuditLog(other, "dev", "k").verify().ok());
        assertEquals(3, other.readLog("dev", "audit").size());
    }
}
