package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Drift;
import dev.creact.engine.model.Node;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderRouter;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import dev.creact.engine.security.EncryptionKey;
import dev.creact.engine.security.SecretStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refresh reads outputs as the provider has them; one the state holds sealed (or the provider marks
 * sensitive) must stay a reference: the same one while the value is the same (no new version, no drift), a
 * newly sealed one when it changed, and never the value itself in the refreshed state.
 */
@DisplayName("Refresh keeps sensitive outputs sealed")
class RefresherKeepsSealedTest {
    static final String OLD = "pw-old-6d2a91c0";
    static final String NEW = "pw-new-0b44e7f3";
    static final String KEY_MATERIAL = "key-9a8b7c6d5e4f";

    @TempDir
    Path dir;

    @BeforeAll
    static void key() {
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
    }

    @AfterAll
    static void noKey() {
        System.clearProperty("creact.encryptionKey");
    }

    /** Reads {@code password} as it is now, and marks {@code apiKey} sensitive in its data. */
    static final class Reader implements Provider {
        volatile String password = OLD;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<String> typePatterns() {
            return Set.of("fake:*");
        }

        @Override
        public ResourceResult create(ResourceRequest request) throws ProviderException {
            throw ProviderException.permanent("not in this test");
        }

        @Override
        public Optional<ResourceResult> read(ResourceRequest request) {
            ObjectNode outputs = JsonNodeFactory.instance.objectNode().put("id", "db-1").put("password", password)
                    .put("apiKey", KEY_MATERIAL);
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.putArray("sensitiveOutputs").add("apiKey");
            return Optional.of(new ResourceResult(outputs, data));
        }

        @Override
        public ResourceResult update(ResourceRequest request) throws ProviderException {
            throw ProviderException.permanent("not in this test");
        }

        @Override
        public void delete(ResourceRequest request) {
        }
    }

    @Test
    @DisplayName("same value: same reference, no drift; changed value: a new sealed version and drift; a newly marked output sealed; a plan's refresh writes nothing")
    void keepsSealed() {
        var store = new SecretStore(new FileStateBackend(dir), "dev");
        var key = EncryptionKey.fromEnvironment("dev");
        String name = SensitiveOutputNames.of("db", "password");
        var entry = store.set(name, OLD, key);
        ObjectNode outputs = JsonNodeFactory.instance.objectNode().put("id", "db-1");
        outputs.putObject("password").put("$secret", name).put("$version", entry.version());
        var db = new Node("db", List.of(), "fake:Db", JsonNodeFactory.instance.objectNode(), List.of(), outputs, null, null);
        var deployed = new CloudDom(CloudDom.FORMAT_VERSION, "dev", List.of(db), Map.of());
        var provider = new Reader();
        var router = new ProviderRouter(List.of(provider));

        var same = new Refresher(router, dir, 2).withSecrets(store, true).refresh(deployed, CancellationToken.NONE);
        var kept = same.refreshed().byId().get("db").outputs();
        assertEquals(outputs.get("password"), kept.get("password"), "the same value keeps its reference");
        assertTrue(kept.path("apiKey").path("$secret").asText().startsWith("OUTPUT_"), "a newly marked output is sealed: " + kept);
        assertFalse(kept.toString().contains(KEY_MATERIAL) || kept.toString().contains(OLD), kept.toString());
        assertEquals(List.of("outputs.apiKey"), same.drift().stream().flatMap(d -> d.changed().stream()).toList(),
                "only the output that was not sealed before differs");

        provider.password = NEW;
        var before = store.versions().get(name);
        var planOnly = new Refresher(router, dir, 2).withSecrets(store, false).refresh(deployed, CancellationToken.NONE);
        var shown = planOnly.refreshed().byId().get("db").outputs();
        assertEquals("(sensitive)", shown.path("password").asText(), shown.toString());
        assertEquals(before, store.versions().get(name), "a plan's refresh writes no secret");

        var changed = new Refresher(router, dir, 2).withSecrets(store, true).refresh(deployed, CancellationToken.NONE);
        var now = changed.refreshed().byId().get("db").outputs();
        assertEquals(name, now.path("password").path("$secret").asText());
        assertNotEquals(entry.version(), now.path("password").path("$version").asText(), "a new version for the new value");
        assertEquals(NEW, store.getAll(List.of(name), key).get(name));
        assertFalse(now.toString().contains(NEW), now.toString());
        assertTrue(changed.drift().stream().map(Drift::changed).flatMap(List::stream).toList().contains("outputs.password"),
                changed.drift().toString());
    }
}
