package dev.creact.backend.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * creact's tables, created and brought up to date on first use: numbered SQL files
 * ({@code migrations/V<n>__<what>.sql}) applied in order, all of them in one transaction, under a
 * transaction-level advisory lock so that two processes starting at once do not both migrate. The schema
 * records the versions applied in {@code schema_version}; a schema newer than this build knows (written by
 * a newer creact) is refused, untouched.
 */
final class SchemaMigrations {
    /** One numbered migration: its version, a description and its SQL ({@code ${schema}} for the schema). */
    record Migration(int version, String description, String sql) {
    }

    /** The migrations of this build, in order. */
    static List<Migration> builtIn() {
        return List.of(new Migration(1, "initial", resource("V1__initial.sql")));
    }

    /** Thrown when the database's schema is newer than this build; nothing was changed. */
    static final class NewerSchemaException extends RuntimeException {
        NewerSchemaException(String message) {
            super(message);
        }
    }

    private final List<Migration> migrations;

    SchemaMigrations(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3… without gaps");
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    int latest() {
        return migrations.size();
    }

    /**
     * Brings {@code schema} up to date on {@code connection}; returns the versions applied (empty when it was
     * current).
     *
     * @throws NewerSchemaException when the schema is at a version this build does not know
     */
    List<Integer> migrate(Connection connection, String schema, String where) throws SQLException {
        if (currentVersion(connection, schema) == latest()) {
            return List.of(); // the usual case: one cheap read, no lock
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (var st = connection.createStatement()) {
            // One migrator at a time per schema; the lock goes with the transaction.
            st.execute("SELECT pg_advisory_xact_lock(" + lockKey(schema) + ")");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + schema + ".schema_version (version integer PRIMARY KEY, "
                    + "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
                    + "applied_by text NOT NULL DEFAULT current_user)");
            int current = currentVersion(connection, schema);
            refuseNewer(current, schema, where);
            var applied = new java.util.ArrayList<Integer>();
            for (Migration m : migrations) {
                if (m.version() <= current) {
                    continue;
                }
                st.execute(m.sql().replace("${schema}", schema));
                try (var insert = connection.prepareStatement("INSERT INTO " + schema
                        + ".schema_version (version, description) VALUES (?, ?)")) {
                    insert.setInt(1, m.version());
                    insert.setString(2, m.description());
                    insert.executeUpdate();
                }
                applied.add(m.version());
            }
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The schema's version: 0 when it has no {@code schema_version} table yet. */
    static int currentVersion(Connection connection, String schema) throws SQLException {
        try (var st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, schema + ".schema_version");
            try (var rs = st.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
        }
        try (var st = connection.createStatement();
             var rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Refuses a schema newer than this build, before anything else touches it. */
    void refuseNewer(int current, String schema, String where) {
        if (current > latest()) {
            throw new NewerSchemaException("the schema '" + schema + "' of " + where + " is at version " + current
                    + ", newer than this creact knows (" + latest() + "): a newer creact has migrated it. Upgrade creact "
                    + "on this machine; nothing was changed.");
        }
    }

    private static long lockKey(String schema) {
        return ("creact-schema:" + schema).hashCode();
    }

    private static String resource(String name) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
