package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A create the journal shows started but not finished, which the provider's read finds: the outputs it
 * reads are what the state keeps, so those the provider marks sensitive, or the schema declares so, are
 * sealed into the store as a deploy's are, and no copy of the value stays in the outputs or provider data.
 */
@DisplayName("Recovery seals the sensitive outputs a read finds")
class RecoverySealsOutputsTest {
    static final String PASSWORD = "db-pass-83e1c0a9f4";
    static final String API_TOKEN = "api-token-2b7d55c1e0";

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

    /** Has every resource it is asked about; its data marks {@code password} sensitive and echoes it. */
    static final class Finder implements Provider {
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
            ObjectNode outputs = JsonNodeFactory.instance.objectNode().put("id", "db-1").put("password", PASSWORD)
                    .put("apiToken", API_TOKEN);
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("note", "made with " + PASSWORD);
            data.putArray("sensitiveOutputs").add("password");
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
    @DisplayName("an interrupted create the provider has: its sensitive outputs are references in the recovered state, values in the store")
    void sealed() {
        var backend = new FileStateBackend(dir);
        var store = new SecretStore(backend, "dev");
        var db = new Node("db", List.of(), "fake:Db", JsonNodeFactory.instance.objectNode().put("size", 1), List.of(),
                null, null, null);
        var target = new CloudDom(CloudDom.FORMAT_VERSION, "dev", List.of(db), Map.of());
        var record = new DeploymentState("d1", "dev", DeploymentStatus.APPLYING, CloudDom.empty("dev"), target, List.of("db"),
                List.of(), List.of(), null, "2026-12-02T00:00:00Z", "2026-12-02T00:00:00Z", "tester", "host", 1, "deploy");
        JsonNode intent = JsonNodeFactory.instance.objectNode().put("deployment", "d1").put("event", "intent")
                .put("id", "db").put("step", "create").put("type", "fake:Db").put("at", 1L);
        var events = new EventSink("dev", List.of());

        var recovered = new Recovery(new ProviderRouter(List.of(new Finder())), dir, events,
                new SecretResolution(store, type -> type.equals("fake:Db") ? Set.of("apiToken") : Set.of()))
                .replay(List.of(intent), record, CloudDom.empty("dev"));

        var node = recovered.byId().get("db");
        assertEquals("db-1", node.outputs().path("id").asText());
        String passwordRef = node.outputs().path("password").path("$secret").asText();
        String tokenRef = node.outputs().path("apiToken").path("$secret").asText();
        assertTrue(passwordRef.startsWith("OUTPUT_"), "the provider's sensitive output is a reference: " + node.outputs());
        assertTrue(tokenRef.startsWith("OUTPUT_"), "the schema's sensitive output is a reference: " + node.outputs());
        var key = EncryptionKey.fromEnvironment("dev");
        assertEquals(Map.of(passwordRef, PASSWORD, tokenRef, API_TOKEN), store.getAll(List.of(passwordRef, tokenRef), key));
        String kept = node.outputs() + " " + node.state();
        assertFalse(kept.contains(PASSWORD) || kept.contains(API_TOKEN), "no copy left: " + kept);
    }
}
