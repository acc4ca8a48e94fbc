package dev.creact.engine.config;

import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The sync section of creact.config.json")
class SyncConfigTest {
    static final Path FILE = Path.of("creact.config.json");

    static CreactConfig read(String json) {
        return CreactConfig.fromJson(FILE, Json.read(json, com.fasterxml.jackson.databind.JsonNode.class));
    }

    @Test
    @DisplayName("absent, state sync is on, on 127.0.0.1:4790, for pages on this machine")
    void defaults() {
        var sync = read("{}").sync();
        assertTrue(sync.enabled());
        assertEquals("127.0.0.1", sync.host());
        assertEquals(4790, sync.port());
        assertEquals(List.of(), sync.allowedOrigins());
        assertEquals(sync, CreactConfig.defaults().sync());
    }

    @Test
    @DisplayName("every setting is read, and survives withDeploy")
    void settings() {
        var config = read("{ \"sync\": { \"enabled\": false, \"host\": \"0.0.0.0\", \"port\": 0, "
                + "\"allowedOrigins\": [\"https://dash.example.com\"] } }");
        var sync = config.withDeploy(config.deploy()).sync();
        assertFalse(sync.enabled());
        assertEquals("0.0.0.0", sync.host());
        assertEquals(0, sync.port());
        assertEquals(List.of("https://dash.example.com"), sync.allowedOrigins());
    }

    @Test
    @DisplayName("a misspelt or ill-typed setting is an error naming the file, the setting and what is allowed")
    void errors() {
        var typo = assertThrows(IllegalArgumentException.class, () -> read("{ \"sync\": { \"allowedOrigin\": [] } }"));
        assertTrue(typo.getMessage().contains("creact.config.json") && typo.getMessage().contains("sync.allowedOrigin")
                && typo.getMessage().contains("allowedOrigins"), typo.getMessage());
        var port = assertThrows(IllegalArgumentException.class, () -> read("{ \"sync\": { \"port\": 70000 } }"));
        assertTrue(port.getMessage().contains("sync.port"), port.getMessage());
        var list = assertThrows(IllegalArgumentException.class, () -> read("{ \"sync\": { \"allowedOrigins\": \"http://x\" } }"));
        assertTrue(list.getMessage().contains("list"), list.getMessage());
    }
}
