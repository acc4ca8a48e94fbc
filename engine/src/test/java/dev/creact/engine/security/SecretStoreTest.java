package dev.creact.engine.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The secret store: AES-256-GCM per value through the backend, refusing wrong keys and damaged files")
class SecretStoreTest {
    static final EncryptionKey KEY = EncryptionKey.of(Base64.getEncoder().encodeToString(new byte[32]));
    static final EncryptionKey OTHER = EncryptionKey.of(Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));

    private static Path file(Path root, String stack) {
        return root.resolve(".creact/stacks/" + stack + "/secrets.enc.json");
    }

    @Test
    @DisplayName("set, get, list and delete; the file holds names and ciphertext, never a value, raw or in base64")
    void roundTrip(@TempDir Path root) throws Exception {
        var store = new SecretStore(new FileStateBackend(root), "prod");
        store.set("API_KEY", "abc123-top-secret", KEY);
        store.set("DB_PASSWORD", "hunter2-hunter2", KEY);
        assertEquals("abc123-top-secret", store.get("API_KEY", KEY).orElseThrow());
        assertEquals(List.of("API_KEY", "DB_PASSWORD"), store.list().stream().map(SecretStore.Entry::name).toList());
        String text = Files.readString(file(root, "prod"));
        for (String v : List.of("abc123-top-secret", "hunter2-hunter2")) {
            assertFalse(text.contains(v), text);
            assertFalse(text.contains(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))), text);
        }
        assertTrue(store.delete("API_KEY", KEY));
        assertFalse(store.delete("API_KEY", KEY));
        assertTrue(store.get("API_KEY", KEY).isEmpty());
    }

    @Test
    @DisplayName("each value has its own nonce; setting the same value keeps its version, a new value changes it")
    void versions(@TempDir Path root) {
        var store = new SecretStore(new FileStateBackend(root), "dev");
        var first = store.set("A", "same-value", KEY);
        store.set("B", "same-value", KEY);
        var doc = (ObjectNode) Json.read(new String(new FileStateBackend(root).readDocument("dev", SecretStore.DOCUMENT).orElseThrow()),
                com.fasterxml.jackson.databind.JsonNode.class);
        assertNotEquals(doc.path("secrets").path("A").path("nonce").asText(), doc.path("secrets").path("B").path("nonce").asText());
        assertNotEquals(doc.path("secrets").path("A").path("ciphertext").asText(), doc.path("secrets").path("B").path("ciphertext").asText());
        assertEquals(first.version(), store.set("A", "same-value", KEY).version());
        assertNotEquals(first.version(), store.set("A", "new-value", KEY).version());
    }

    @Test
    @DisplayName("a wrong key is refused with the stack named and changes nothing")
    void wrongKey(@TempDir Path root) throws Exception {
        var store = new SecretStore(new FileStateBackend(root), "prod");
        store.set("API_KEY", "abc123", KEY);
        byte[] before = Files.readAllBytes(file(root, "prod"));
        for (Runnable r : List.<Runnable>of(() -> store.get("API_KEY", OTHER), () -> store.set("API_KEY", "x", OTHER),
                () -> store.delete("API_KEY", OTHER), () -> store.rotate(OTHER, KEY))) {
            var e = assertThrows(SecretsException.class, r::run);
            assertTrue(e.getMessage().startsWith("cannot decrypt: wrong CREACT_ENCRYPTION_KEY for stack prod"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file(root, "prod")));
    }

    @Test
    @DisplayName("a passphrase is stretched with PBKDF2 (600,000 iterations) over a salt kept in the file")
    void passphrase(@TempDir Path root) throws Exception {
        var phrase = EncryptionKey.of("correct horse battery staple");
        assertTrue(phrase.isPassphrase());
        var store = new SecretStore(new FileStateBackend(root), "dev");
        store.set("TOKEN", "t0k3n-value", phrase);
        assertEquals("t0k3n-value", store.get("TOKEN", EncryptionKey.of("correct horse battery staple")).orElseThrow());
        var kdf = Json.mapper().readTree(Files.readString(file(root, "dev"))).path("kdf");
        assertEquals("PBKDF2WithHmacSHA256", kdf.path("algorithm").asText());
        assertEquals(600_000, kdf.path("iterations").asInt());
        assertEquals(16, Base64.getDecoder().decode(kdf.path("salt").asText()).length);
        assertThrows(SecretsException.class, () -> store.get("TOKEN", EncryptionKey.of("wrong horse")));
    }

    @Test
    @DisplayName("a missing key says how to set one")
    void missingKey() {
        var e = assertThrows(SecretsException.class, () -> EncryptionKey.of(""));
        assertTrue(e.getMessage().contains("set CREACT_ENCRYPTION_KEY"), e.getMessage());
        assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
    }

    @Test
    @DisplayName("a corrupt file, or a value moved to another name or edited, is refused and left as it is")
    void corrupt(@TempDir Path root) throws Exception {
        var backend = new FileStateBackend(root);
        var store = new SecretStore(backend, "dev");
        store.set("A", "value-a", KEY);
        store.set("B", "value-b", KEY);
        Path f = file(root, "dev");
        String good = Files.readString(f);

        Files.writeString(f, good.substring(0, good.length() / 2));
        var e = assertThrows(SecretsException.class, () -> store.get("A", KEY));
        assertTrue(e.getMessage().contains("secrets.enc.json is corrupt"), e.getMessage());
        assertThrows(SecretsException.class, () -> store.set("C", "c", KEY));
        assertEquals(good.substring(0, good.length() / 2), Files.readString(f), "refused, and kept as it was");

        // B's sealed value under A's name: the associated data (stack, name, version) no longer matches.
        var doc = (ObjectNode) Json.mapper().readTree(good);
        var secrets = (ObjectNode) doc.get("secrets");
        secrets.set("A", secrets.get("B").deepCopy());
        Files.writeString(f, Json.writePretty(doc));
        e = assertThrows(SecretsException.class, () -> store.get("A", KEY));
        assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());

        // The same file under another stack's name does not open either.
        Files.createDirectories(file(root, "prod").getParent());
        Files.writeString(file(root, "prod"), good);
        assertThrows(SecretsException.class, () -> new SecretStore(backend, "prod").get("A", KEY));
    }

    @Test
    @DisplayName("rotate-key re-encrypts every value under the new key; the old key no longer opens them")
    void rotate(@TempDir Path root) {
        var store = new SecretStore(new FileStateBackend(root), "dev");
        store.set("A", "value-a", KEY);
        store.set("B", "value-b", KEY);
        var versions = store.versions();
        assertEquals(2, store.rotate(KEY, OTHER));
        assertEquals("value-a", store.get("A", OTHER).orElseThrow());
        assertEquals("value-b", store.get("B", OTHER).orElseThrow());
        assertEquals(versions, store.versions(), "values did not change, so plans show nothing");
        assertThrows(SecretsException.class, () -> store.get("A", KEY));
    }

    @Test
    @DisplayName("names are [A-Z0-9_]+, with a clear error otherwise")
    void names(@TempDir Path root) {
        var store = new SecretStore(new FileStateBackend(root), "dev");
        for (String bad : List.of("api_key", "API-KEY", "", "A B")) {
            var e = assertThrows(SecretsException.class, () -> store.set(bad, "v", KEY));
            assertTrue(e.getMessage().contains("invalid secret name"), e.getMessage());
        }
    }

    @Test
    @DisplayName("two backends (as two processes) setting secrets at once: every one lands")
    void concurrentSets(@TempDir Path root) throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                futures.add(pool.submit(() -> new SecretStore(new FileStateBackend(root), "dev").set("S" + n, "value-" + n, KEY)));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        var store = new SecretStore(new FileStateBackend(root), "dev");
        assertEquals(16, store.list().size());
        for (int i = 0; i < 16; i++) {
            assertEquals("value-" + i, store.get("S" + i, KEY).orElseThrow());
        }
    }
}
