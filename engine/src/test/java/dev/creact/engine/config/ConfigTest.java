package dev.creact.engine.config;

import dev.creact.engine.EngineSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Project configuration")
class ConfigTest extends EngineSpec {
    @Test
    @DisplayName("no file: the defaults")
    void defaults() {
        var config = engine.loadConfig(dir);
        assertEquals(10, config.deploy().parallelism());
        assertEquals(3, config.deploy().retry().maxRetries());
        assertEquals(10, config.maxCycles());
    }

    @Test
    @DisplayName("creact.config.json sets parallelism, retries (also per provider) and extensions")
    void json() throws Exception {
        Files.writeString(dir.resolve("creact.config.json"), """
                { "parallelism": 4, "maxCycles": 3,
                  "retry": { "maxRetries": 5, "delayMs": 50, "providers": { "mock": { "maxRetries": 1 } } },
                  "extensions": ["./telemetry.js"] }
                """);
        var config = engine.loadConfig(dir);
        assertEquals(4, config.deploy().parallelism());
        assertEquals(5, config.deploy().retryFor("local").maxRetries());
        assertEquals(50, config.deploy().retryFor("local").delay().toMillis());
        assertEquals(1, config.deploy().retryFor("mock").maxRetries());
        assertEquals(3, config.maxCycles());
        assertEquals(java.util.List.of("./telemetry.js"), config.extensions());
    }

    @Test
    @DisplayName("creact.config.js is evaluated in the sandbox; its default export is the configuration")
    void javascript() throws Exception {
        Files.writeString(dir.resolve("creact.config.js"), """
                const base = 3;
                export default { parallelism: base * 2, retry: { maxRetries: base } };
                """);
        var config = engine.loadConfig(dir);
        assertEquals(6, config.deploy().parallelism());
        assertEquals(3, config.deploy().retry().maxRetries());
        assertTrue(config.source().toString().endsWith("creact.config.js"));
    }

    @Test
    @DisplayName("a misspelt setting is an error that suggests the right one")
    void typo() throws Exception {
        Files.writeString(dir.resolve("creact.config.json"), "{ \"paralelism\": 4 }");
        var e = assertThrows(IllegalArgumentException.class, () -> engine.loadConfig(dir));
        assertTrue(e.getMessage().contains("did you mean 'parallelism'"), e.getMessage());
    }
}
