package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.creact.engine.providers.Requests.after;
import static dev.creact.engine.providers.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("local:RandomId is generated once and then stays the same")
class RandomIdsTest {
    @TempDir
    Path root;
    final LocalProvider local = new LocalProvider();
    static final String TYPE = "local:RandomId";

    @Test
    @DisplayName("create makes `bytes` random bytes as hex, kept in provider data")
    void generates() throws Exception {
        ResourceResult r = local.create(create(root, "app.suffix", TYPE, "{'bytes':4}"));
        String hex = r.outputs().get("hex").asText();
        assertTrue(hex.matches("[0-9a-f]{8}"), hex);
        assertEquals(hex, r.providerData().get("hex").asText());
        String other = local.create(create(root, "app.other", TYPE, "{'bytes':4}")).outputs().get("hex").asText();
        assertNotEquals(hex, other);
        assertEquals(64, local.create(create(root, "app.long", TYPE, "{'bytes':32}")).outputs().get("hex").asText().length());
    }

    @Test
    @DisplayName("read and update return the same hex; without provider data it does not exist")
    void stable() throws Exception {
        ResourceResult r = local.create(create(root, "app.suffix", TYPE, "{'bytes':4}"));
        String hex = r.outputs().get("hex").asText();
        String props = "{'bytes':4,'keepers':{'v':'2'}}";
        assertEquals(hex, local.read(after(r, root, "app.suffix", TYPE, props)).orElseThrow().outputs().get("hex").asText());
        ResourceResult updated = local.update(after(r, root, "app.suffix", TYPE, props));
        assertEquals(hex, updated.outputs().get("hex").asText());
        assertEquals(hex, updated.providerData().get("hex").asText());
        assertTrue(local.read(create(root, "app.suffix", TYPE, props)).isEmpty());
        local.delete(after(r, root, "app.suffix", TYPE, props)); // a no-op, but allowed
    }

    @Test
    @DisplayName("bytes must be a whole number from 1 to 1024")
    void badBytes() {
        for (String bytes : new String[]{"0", "-1", "2.5", "'4'", "5000"}) {
            var e = assertThrows(ProviderException.class,
                    () -> local.create(create(root, "app.suffix", TYPE, "{'bytes':" + bytes + "}")), bytes);
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("app.suffix") && e.getMessage().contains("bytes"), e.getMessage());
        }
    }
}
