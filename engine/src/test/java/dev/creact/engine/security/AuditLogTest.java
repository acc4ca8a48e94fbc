package dev.creact.engine.security;

import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The audit log: a hash chain in which every kind of tampering is found at its line")
class AuditLogTest {
    private static Path file(Path root) {
        return root.resolve(".creact/stacks/dev/audit.jsonl");
    }

    private static AuditLog write(Path root, String key, int n) {
        var log = new AuditLog(new FileStateBackend(root), "dev", key);
        for (int i = 0; i < n; i++) {
            var e = Json.mapper().createObjectNode();
            e.put("action", "deploy-started");
            e.put("user", "alice");
            e.put("n", i);
            log.append(e);
        }
        return log;
    }

    private static List<String> lines(Path root) throws Exception {
        return new ArrayList<>(Files.readAllLines(file(root)));
    }

    @Test
    @DisplayName("an untouched chain verifies, signed or not, and each entry has its fields")
    void holds(@TempDir Path root) throws Exception {
        var signed = write(root, "k3y", 4);
        assertTrue(signed.verify().ok());
        assertTrue(signed.verify().signatures());
        var e = Json.mapper().readTree(lines(root).getFirst());
        for (String f : List.of("id", "timestamp", "user", "action", "stack", "prevHash", "hash")) {
            assertTrue(e.has(f), f + " in " + e);
        }
        assertEquals(AuditLog.GENESIS, e.path("prevHash").asText());
    }

    @Test
    @DisplayName("unsigned chains use SHA-256 and verify says they are unsigned")
    void unsigned(@TempDir Path root) {
        var log = write(root, null, 3);
        var v = log.verify();
        assertTrue(v.ok());
        assertFalse(v.signatures());
        assertEquals(3, v.unsigned());
    }

    @Test
    @DisplayName("an edited line is found at that line, even with its hash recomputed by someone without the key")
    void edited(@TempDir Path root) throws Exception {
        write(root, "k3y", 4);
        var l = lines(root);
        l.set(1, l.get(1).replace("\"alice\"", "\"mallory\""));
        Files.write(file(root), l);
        var v = new AuditLog(new FileStateBackend(root), "dev", "k3y").verify();
        assertEquals(2, v.badLine(), v.problem());
        assertTrue(v.problem().contains("line 2 was changed"), v.problem());

        // Rewritten as an unsigned entry with a correct SHA-256: refused in a signed chain.
        var forged = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(l.get(1));
        forged.put("alg", "sha256");
        forged.remove("hash");
        forged.put("hash", Digests.sha256Hex(Json.write(forged)));
        l.set(1, Json.write(forged));
        Files.write(file(root), l);
        v = new AuditLog(new FileStateBackend(root), "dev", "k3y").verify();
        assertEquals(2, v.badLine(), v.problem());
    }

    @Test
    @DisplayName("a deleted line is found at the line after it")
    void deleted(@TempDir Path root) throws Exception {
        write(root, null, 4);
        var l = lines(root);
        l.remove(1);
        Files.write(file(root), l);
        var v = new AuditLog(new FileStateBackend(root), "dev", null).verify();
        assertEquals(2, v.badLine(), v.problem());
        assertTrue(v.problem().contains("does not follow line 1"), v.problem());
    }

    @Test
    @DisplayName("reordered lines are found")
    void reordered(@TempDir Path root) throws Exception {
        write(root, null, 4);
        var l = lines(root);
        var two = l.get(1);
        l.set(1, l.get(2));
        l.set(2, two);
        Files.write(file(root), l);
        assertEquals(2, new AuditLog(new FileStateBackend(root), "dev", null).verify().badLine());
    }

    @Test
    @DisplayName("an inserted line (a copy of another, or a forged one) is found")
    void inserted(@TempDir Path root) throws Exception {
        write(root, null, 3);
        var l = lines(root);
        l.add(2, l.get(0));
        Files.write(file(root), l);
        assertEquals(3, new AuditLog(new FileStateBackend(root), "dev", null).verify().badLine());
        l = lines(root);
        l.set(2, "{\"action\":\"nothing-to-see\"}");
        Files.write(file(root), l);
        assertEquals(3, new AuditLog(new FileStateBackend(root), "dev", null).verify().badLine());
    }

    @Test
    @DisplayName("appends from two backends at once (as two processes) still give one valid chain")
    void concurrent(@TempDir Path root) throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> write(root, "k3y", 25)));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        var v = new AuditLog(new FileStateBackend(root), "dev", "k3y").verify();
        assertTrue(v.ok(), v.problem());
        assertEquals(100, v.entries());
    }
}
