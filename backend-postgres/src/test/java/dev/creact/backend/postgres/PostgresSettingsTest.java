package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Postgres backend settings: the configuration, the environment, and the password kept out of the file")
class PostgresSettingsTest {
    static ObjectNode config(String url) {
        return Json.mapper().createObjectNode().put("type", "postgres").put("url", url);
    }

    @Test
    @DisplayName("the configured url, the default schema creact, and the password from PGPASSWORD")
    void defaults() {
        var s = PostgresSettings.from(config("jdbc:postgresql://db.example:5432/infra"), Map.of("PGPASSWORD", "pw"), null);
        assertEquals("jdbc:postgresql://db.example:5432/infra", s.jdbcUrl());
        assertEquals("creact", s.schema());
        assertEquals("pw", s.password());
        assertNull(s.user());
        assertFalse(s.synchronousJournal(), "the file journal's durability by default");
        assertTrue(PostgresSettings.from(config("jdbc:postgresql://db/infra").put("synchronousJournal", true), Map.of(), null)
                .synchronousJournal());
    }

    @Test
    @DisplayName("passwordEnv names the variable holding the password; a missing variable is an error naming it")
    void passwordEnv() {
        var c = config("jdbc:postgresql://db/infra").put("passwordEnv", "INFRA_DB_PASSWORD").put("user", "ci");
        var s = PostgresSettings.from(c, Map.of("INFRA_DB_PASSWORD", "from-env", "PGPASSWORD", "other"), null);
        assertEquals("from-env", s.password());
        assertEquals("ci", s.user());
        var e = assertThrows(IllegalArgumentException.class, () -> PostgresSettings.from(c, Map.of(), null));
        assertTrue(e.getMessage().contains("INFRA_DB_PASSWORD"), e.getMessage());
    }

    @Test
    @DisplayName("a password written into the configuration's url is refused")
    void noPasswordInTheFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> PostgresSettings.from(
                config("jdbc:postgresql://db/infra?user=ci&password=hunter2"), Map.of(), null));
        assertTrue(e.getMessage().contains("holds a password"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    @DisplayName("CREACT_BACKEND_URL's postgres://user:password@host/db becomes a JDBC URL; messages show it without the password")
    void libpqUrl() {
        var s = PostgresSettings.from(null, Map.of(), "postgres://ci:p%40ss@db.example:6432/infra?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6432/infra?sslmode=require", s.jdbcUrl());
        assertEquals("ci", s.user());
        assertEquals("p@ss", s.password());
        assertFalse(s.display().contains("p@ss"));
        assertFalse(s.toString().contains("p@ss"));
        var jdbc = PostgresSettings.from(null, Map.of(), "jdbc:postgresql://db/infra?user=ci&password=hunter2");
        assertEquals("jdbc:postgresql://db/infra?user=ci&password=***", jdbc.display());
    }

    @Test
    @DisplayName("no url, a url of another kind, or a schema that is not a plain identifier are errors saying what to write")
    void mistakes() {
        var none = assertThrows(IllegalArgumentException.class, () -> PostgresSettings.from(null, Map.of(), null));
        assertTrue(none.getMessage().contains("CREACT_BACKEND_URL"), none.getMessage());
        var other = assertThrows(IllegalArgumentException.class, () -> PostgresSettings.from(config("mysql://db/x"), Map.of(), null));
        assertTrue(other.getMessage().contains("jdbc:postgresql://"), other.getMessage());
        var schema = assertThrows(IllegalArgumentException.class, () -> PostgresSettings.from(
                config("jdbc:postgresql://db/x").put("schema", "Robert'); DROP TABLE"), Map.of(), null));
        assertTrue(schema.getMessage().contains("plain lower-case identifier"), schema.getMessage());
    }
}
