package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.backend.StateBackendFactory;

import java.nio.file.Path;
import java.util.Set;

/**
 * {@code "backend": {"type": "postgres", "url": "jdbc:postgresql://host:5432/db", "schema": "creact",
 * "user": "…", "passwordEnv": "…", "synchronousJournal": false}}; found by {@link java.util.ServiceLoader}. See {@link PostgresSettings}
 * for where the URL and the password come from.
 */
public final class PostgresBackendFactory implements StateBackendFactory {
    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Set<String> settings() {
        return Set.of("url", "schema", "user", "passwordEnv", "synchronousJournal");
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:") || url.startsWith("postgres://") || url.startsWith("postgresql://");
    }

    @Override
    public StateBackend open(Path projectRoot, JsonNode settings) {
        return new PostgresStateBackend(PostgresSettings.from(settings, System.getenv(), null));
    }

    /** The backend {@code CREACT_BACKEND_URL} names: a secret of the environment, so it may hold a password. */
    @Override
    public StateBackend open(Path projectRoot, JsonNode settings, String url) {
        return new PostgresStateBackend(PostgresSettings.from(settings, System.getenv(), url));
    }
}
