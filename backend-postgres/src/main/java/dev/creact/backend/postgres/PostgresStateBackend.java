package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.creact.engine.backend.FileLocks;
import dev.creact.engine.backend.Journal;
import dev.creact.engine.backend.LockHeldException;
import dev.creact.engine.backend.SerialConflictException;
import dev.creact.engine.backend.StackLock;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.backend.StateCorruptException;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.StateSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The team backend: everything a stack has, in PostgreSQL tables of one schema (see
 * {@code migrations/V1__initial.sql}), so that people and CI machines share state, locks and journals.
 *
 * <ul>
 *   <li>State: one row per stack; a write is a compare-and-set on the serial in one statement (an
 *       {@code UPDATE … WHERE serial = expected}, or an insert that does nothing when a row exists), so of two
 *       writers that read the same serial exactly one writes.</li>
 *   <li>Journal: rows of the stack's current generation, written with group commit and fenced by the lock
 *       ({@link PostgresJournal}).</li>
 *   <li>Locks: a lease row per stack, renewed while held, plus a session-level advisory lock held by the
 *       holder's connection ({@link PostgresLock}). A lease is stale when it expired, or when the holder's
 *       connection is gone (its advisory lock is free) while the server kept running since the last renewal:
 *       a holder that died is seen at once from any machine, and a server restart does not hand a live
 *       holder's lease to someone else before its TTL.</li>
 *   <li>Documents and logs: opaque bytes and lines; the database interprets none of it.</li>
 * </ul>
 * Connections come from a small HikariCP pool; a failure is an {@link java.io.UncheckedIOException} that
 * names the database by its URL without the password.
 */
public final class PostgresStateBackend implements StateBackend {
    public static final int FORMAT_VERSION = 1;
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresSettings settings;
    private final String schema;
    private final PostgresErrors errors;
    private final HikariDataSource pool;
    /** Locks this instance holds, by stack: its journals fence on them. */
    private final Map<String, PostgresLock> held = new ConcurrentHashMap<>();

    /**
     * Connects, creates or migrates the schema, and opens the pool.
     *
     * @throws java.io.UncheckedIOException when the database cannot be reached, refuses the login, or has a
     *         schema newer than this build (left untouched)
     */
    public PostgresStateBackend(PostgresSettings settings) {
        this(settings, new SchemaMigrations(SchemaMigrations.builtIn()));
    }

    PostgresStateBackend(PostgresSettings settings, SchemaMigrations migrations) {
        this.settings = settings;
        this.schema = settings.schema();
        this.errors = new PostgresErrors(settings);
        // The first connection is made directly, so a refused connection fails at once (a pool would keep
        // retrying until its timeout) and the schema is current before anything else runs.
        try (Connection first = DriverManager.getConnection(settings.jdbcUrl(), properties(settings))) {
            migrations.migrate(first, schema, errors.where());
        } catch (SQLException e) {
            throw errors.failed("open the state backend", e);
        } catch (SchemaMigrations.NewerSchemaException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), new IOException(e));
        }
        var config = new HikariConfig();
        config.setPoolName("creact-postgres");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setDataSourceProperties(properties(settings));
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        this.pool = new HikariDataSource(config);
    }

    private static Properties properties(PostgresSettings settings) {
        var p = new Properties();
        if (settings.user() != null) {
            p.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            p.setProperty("password", settings.password());
        }
        p.setProperty("ApplicationName", "creact");
        p.setProperty("connectTimeout", "5");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    public PostgresSettings settings() {
        return settings;
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String describe() {
        return "postgres (" + settings.display() + ", schema " + schema + ")";
    }

    @Override
    public void close() {
        pool.close();
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(String doing, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw errors.failed(doing, e);
        }
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Drops a connection for good instead of giving it back (it may hold session state). */
    void discard(Connection c) {
        if (c == null) {
            return;
        }
        try {
            pool.evictConnection(c);
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    private String t(String table) {
        return schema + "." + table;
    }

    private static String stack(String stack) {
        if (stack == null || !STACK_NAME.matcher(stack).matches() || stack.contains("..")) {
            throw new IllegalArgumentException("invalid stack name '" + stack
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters)");
        }
        return stack;
    }

    private static String documentName(String name) {
        if (name == null || !DOCUMENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid document name '" + name + "'");
        }
        return name;
    }

    private static PreparedStatement bind(PreparedStatement st, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            st.setObject(i + 1, values[i]);
        }
        return st;
    }

    private static List<String> strings(Connection c, String sql, Object... values) throws SQLException {
        try (var st = bind(c.prepareStatement(sql), values); var rs = st.executeQuery()) {
            var out = new ArrayList<String>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    @Override
    public List<String> stacks() {
        return withConnection("list the stacks", c -> strings(c, "SELECT stack FROM (SELECT stack FROM " + t("states")
                + " UNION SELECT stack FROM " + t("deployments") + " UNION SELECT stack FROM " + t("journal_entries")
                + " UNION SELECT stack FROM " + t("documents") + " UNION SELECT stack FROM " + t("log_lines")
                + ") s ORDER BY stack COLLATE \"C\""));
    }

    /** Everything of the stack, lock included, in one transaction. */
    @Override
    public void deleteStack(String stack) {
        stack(stack);
        withConnection("delete stack '" + stack + "'", c -> {
            c.setAutoCommit(false);
            try {
                for (String table : List.of("states", "deployments", "journal_entries", "journals", "documents",
                        "log_lines", "locks")) {
                    try (var st = bind(c.prepareStatement("DELETE FROM " + t(table) + " WHERE stack = ?"), stack)) {
                        st.executeUpdate();
                    }
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    // ------------------------------------------------------------------ state

    @Override
    public Optional<StateSnapshot> read(String stack) {
        stack(stack);
        record Row(long serial, int format, String checksum, String dom) {
        }
        var row = withConnection("read the state of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("SELECT serial, format_version, checksum, cloud_dom FROM " + t("states")
                    + " WHERE stack = ?"), stack); var rs = st.executeQuery()) {
                return rs.next() ? new Row(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)) : null;
            }
        });
        if (row == null) {
            return Optional.empty();
        }
        String what = "the state of stack '" + stack + "' in " + errors.where();
        if (row.format() > FORMAT_VERSION) {
            throw new StateCorruptException(null, what + " has format version " + row.format()
                    + ", written by a newer creact (this one reads version " + FORMAT_VERSION + "). Upgrade creact; "
                    + "the state was left as it is.");
        }
        if (!checksum(row.dom()).equals(row.checksum())) {
            throw new StateCorruptException(null, what + " does not match its checksum: it was changed outside creact. "
                    + "creact will neither use nor overwrite it; restore the row from a backup of the database, or "
                    + "delete it to start from an empty state (resources already deployed would then be planned as new).");
        }
        try {
            return Optional.of(new StateSnapshot(row.serial(), Json.read(row.dom(), CloudDom.class)));
        } catch (RuntimeException e) {
            throw new StateCorruptException(null, what + " has a CloudDOM creact cannot read ("
                    + PostgresErrors.firstLine(e.getMessage()) + ").");
        }
    }

    @Override
    public long write(String stack, CloudDom cloudDom, long expectedSerial) {
        stack(stack);
        String dom = Json.write(cloudDom);
        String sum = checksum(dom);
        long next = expectedSerial + 1;
        int rows = withConnection("write the state of stack '" + stack + "'", c -> {
            String sql = expectedSerial == 0
                    ? "INSERT INTO " + t("states") + " (serial, format_version, checksum, cloud_dom, version, stack) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stack) DO NOTHING"
                    : "UPDATE " + t("states") + " SET serial = ?, format_version = ?, checksum = ?, cloud_dom = ?, "
                    + "version = ?, written_at = now() WHERE stack = ? AND serial = ?";
            try (var st = c.prepareStatement(sql)) {
                bind(st, next, FORMAT_VERSION, sum, dom, UUID.randomUUID(), stack);
                if (expectedSerial != 0) {
                    st.setLong(7, expectedSerial);
                }
                return st.executeUpdate();
            }
        });
        if (rows != 1) {
            long actual = read(stack).map(StateSnapshot::serial).orElse(0L);
            throw new SerialConflictException(stack, expectedSerial, actual);
        }
        return next;
    }

    /** Puts {@code snapshot} as the stack's state, serial and all, replacing what is there ({@code creact state migrate}). */
    @Override
    public void importState(String stack, StateSnapshot snapshot) {
        stack(stack);
        String dom = Json.write(snapshot.cloudDom());
        withConnection("write the state of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("INSERT INTO " + t("states")
                    + " (stack, serial, format_version, checksum, cloud_dom, version) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (stack) DO UPDATE SET serial = excluded.serial, format_version = excluded.format_version, "
                    + "checksum = excluded.checksum, cloud_dom = excluded.cloud_dom, version = excluded.version, "
                    + "written_at = now()"), stack, snapshot.serial(), FORMAT_VERSION, checksum(dom), dom, UUID.randomUUID())) {
                return st.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> stateVersion(String stack) {
        stack(stack);
        return withConnection("read the state version of stack '" + stack + "'", c -> {
            var v = strings(c, "SELECT serial || '/' || version FROM " + t("states") + " WHERE stack = ?", stack);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
        });
    }

    static String checksum(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ deployment record

    @Override
    public Optional<DeploymentState> readDeployment(String stack) {
        stack(stack);
        var json = withConnection("read the deployment record of stack '" + stack + "'",
                c -> strings(c, "SELECT record FROM " + t("deployments") + " WHERE stack = ?", stack));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(json.getFirst(), DeploymentState.class));
        } catch (RuntimeException e) {
            throw new StateCorruptException(null, "the deployment record of stack '" + stack + "' in " + errors.where()
                    + " cannot be read (" + PostgresErrors.firstLine(e.getMessage()) + "); delete its row in "
                    + t("deployments") + " to continue (the journal shows what ran).");
        }
    }

    @Override
    public Optional<DeploymentStatus> deploymentStatus(String stack) {
        stack(stack);
        var status = withConnection("read the deployment status of stack '" + stack + "'",
                c -> strings(c, "SELECT status FROM " + t("deployments") + " WHERE stack = ?", stack));
        return status.isEmpty() ? Optional.empty() : Optional.of(DeploymentStatus.valueOf(status.getFirst()));
    }

    @Override
    public void writeDeployment(String stack, DeploymentState deployment) {
        stack(stack);
        String json = Json.write(deployment);
        withConnection("write the deployment record of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("INSERT INTO " + t("deployments") + " (stack, status, record) VALUES (?, ?, ?) "
                    + "ON CONFLICT (stack) DO UPDATE SET status = excluded.status, record = excluded.record, written_at = now()"),
                    stack, deployment.status().name(), json)) {
                return st.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ journal

    @Override
    public Journal openJournal(String stack, boolean fresh) {
        stack(stack);
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw errors.failed("open the deployment journal of stack '" + stack + "'", e);
        }
        try {
            long generation;
            if (fresh) {
                try (var st = bind(c.prepareStatement("INSERT INTO " + t("journals") + " AS j (stack, generation) VALUES (?, 1) "
                        + "ON CONFLICT (stack) DO UPDATE SET generation = j.generation + 1 RETURNING generation"), stack);
                     var rs = st.executeQuery()) {
                    rs.next();
                    generation = rs.getLong(1);
                }
                // Keep the journal before this one (as the file backend keeps journal.previous.jsonl), not older ones.
                try (var st = bind(c.prepareStatement("DELETE FROM " + t("journal_entries")
                        + " WHERE stack = ? AND generation < ?"), stack, generation - 1)) {
                    st.executeUpdate();
                }
            } else {
                try (var st = bind(c.prepareStatement("INSERT INTO " + t("journals") + " (stack, generation) VALUES (?, 1) "
                        + "ON CONFLICT (stack) DO NOTHING"), stack)) {
                    st.executeUpdate();
                }
                generation = Long.parseLong(strings(c, "SELECT generation FROM " + t("journals") + " WHERE stack = ?", stack)
                        .getFirst());
            }
            // The file journal's durability (see PostgresJournal): asynchronous commits on this connection only,
            // unless the configuration asks for a flush per commit.
            if (!settings.synchronousJournal()) {
                try (var st = c.createStatement()) {
                    st.execute("SET synchronous_commit = off");
                }
            }
            return new PostgresJournal(stack, generation, c, schema, () -> {
                var lock = held.get(stack);
                return lock == null ? null : lock.lockId();
            }, errors, () -> withConnection("flush the deployment journal of stack '" + stack + "'", other -> {
                // A synchronous commit of a write flushes the WAL up to it, the journal's commits included.
                try (var st = bind(other.prepareStatement("UPDATE " + t("journals") + " SET generation = generation "
                        + "WHERE stack = ?"), stack)) {
                    return st.executeUpdate();
                }
            }), () -> {
                try (var st = c.createStatement()) {
                    st.execute("RESET synchronous_commit");
                    c.close();
                } catch (SQLException e) {
                    discard(c); // a broken connection, or one whose setting could not be reset
                }
            });
        } catch (SQLException | RuntimeException e) {
            discard(c);
            throw e instanceof SQLException s ? errors.failed("open the deployment journal of stack '" + stack + "'", s)
                    : (RuntimeException) e;
        }
    }

    @Override
    public List<JsonNode> readJournal(String stack) {
        stack(stack);
        var lines = withConnection("read the deployment journal of stack '" + stack + "'", c -> strings(c,
                "SELECT e.entry FROM " + t("journal_entries") + " e JOIN " + t("journals") + " j ON j.stack = e.stack "
                        + "AND j.generation = e.generation WHERE e.stack = ? ORDER BY e.id", stack));
        var out = new ArrayList<JsonNode>(lines.size());
        for (String line : lines) {
            try {
                out.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                // not an entry creact wrote whole (see the conformance suite's torn entry): skipped
            }
        }
        return out;
    }

    /** Appends a journal row as it is, well-formed or not (the conformance suite tears an entry with it). */
    void appendRawJournal(String stack, String text) {
        withConnection("write the journal", c -> {
            try (var st = bind(c.prepareStatement("INSERT INTO " + t("journal_entries") + " (stack, generation, entry) "
                    + "SELECT stack, generation, ? FROM " + t("journals") + " WHERE stack = ?"), text, stack)) {
                return st.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ locks

    /** Whether a lease row (alias {@code l}) is stale: expired, or its holder's connection ended while the server ran on. */
    private static final String STALE = "(l.expires_at < now() OR (l.renewed_at > pg_postmaster_start_time() "
            + "AND pg_try_advisory_xact_lock(l.session_key)))";
    private static final String TIMES = "(extract(epoch from l.acquired_at) * 1000)::bigint, "
            + "(extract(epoch from l.expires_at) * 1000)::bigint";

    @Override
    public StackLock lock(String stack, String command, Duration ttl) {
        stack(stack);
        String lockId = UUID.randomUUID().toString().substring(0, 8);
        String user = System.getProperty("user.name", "?");
        String host = FileLocks.hostName();
        long pid = ProcessHandle.current().pid();
        Connection session = null;
        try {
            session = pool.getConnection();
            long key = takeSessionKey(session);
            for (int attempt = 0; attempt < 3; attempt++) {
                long sent = System.nanoTime();
                // `old` is the row the upsert may replace, named in the lock-taken-over audit entry. It is locked,
                // so it is the version the upsert's check sees, and materialised while the insert's row is made
                // (the cross join reads it): read after the update, the command's own change would hide it.
                try (var st = bind(session.prepareStatement("WITH old AS MATERIALIZED (SELECT o.lock_id, o.holder_user, "
                        + "o.host, o.pid, o.command, (extract(epoch from o.acquired_at) * 1000)::bigint AS acquired, "
                        + "(extract(epoch from o.expires_at) * 1000)::bigint AS expires FROM " + t("locks")
                        + " o WHERE o.stack = ? FOR UPDATE) "
                        + "INSERT INTO " + t("locks") + " AS l (stack, lock_id, holder_user, "
                        + "host, pid, command, acquired_at, renewed_at, expires_at, session_key) SELECT ?, ?, ?, ?, ?, ?, "
                        + "now(), now(), now() + ? * interval '1 millisecond', ? FROM (SELECT count(*) FROM old) AS seen "
                        + "ON CONFLICT (stack) DO UPDATE SET "
                        + "lock_id = excluded.lock_id, holder_user = excluded.holder_user, host = excluded.host, "
                        + "pid = excluded.pid, command = excluded.command, acquired_at = excluded.acquired_at, "
                        + "renewed_at = excluded.renewed_at, expires_at = excluded.expires_at, "
                        + "session_key = excluded.session_key WHERE " + STALE + " RETURNING " + TIMES
                        + ", (SELECT lock_id FROM old), (SELECT holder_user FROM old), (SELECT host FROM old), "
                        + "(SELECT pid FROM old), (SELECT command FROM old), (SELECT acquired FROM old), "
                        + "(SELECT expires FROM old)"),
                        stack, stack, lockId, user, host, pid, command, ttl.toMillis(), key);
                     var rs = st.executeQuery()) {
                    if (rs.next()) {
                        var info = new LockInfo(lockId, stack, user, host, pid, command, rs.getLong(1), rs.getLong(2));
                        String replacedId = rs.getString(3);
                        LockInfo replaced = replacedId == null ? null : new LockInfo(replacedId, stack, rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getLong(9));
                        var lock = new PostgresLock(this, stack, info, ttl, session, key, sent, replaced);
                        held.put(stack, lock);
                        return lock;
                    }
                }
                var holder = liveHolder(session, stack);
                if (holder.isPresent()) {
                    releaseSession(session);
                    session = null;
                    long now = System.currentTimeMillis();
                    var h = holder.get();
                    throw new LockHeldException(h, "stack '" + stack + "' is locked by " + h.describe(now) + " (lock id "
                            + h.lockId() + "). Wait for it to finish (or pass --lock-timeout to wait); if that process is "
                            + "gone, run `creact unlock --force " + h.lockId() + "`.");
                }
                // released between the two statements: try again
            }
            releaseSession(session);
            session = null;
            throw new LockHeldException(null, "could not take the lock of stack '" + stack + "': others keep taking it; try again");
        } catch (SQLException e) {
            discard(session);
            throw errors.failed("take the lock of stack '" + stack + "'", e);
        } catch (RuntimeException e) {
            if (session != null) {
                discard(session);
            }
            throw e;
        }
    }

    /** Takes a fresh session-level advisory lock on {@code c}; its key marks the lease as alive. */
    long takeSessionKey(Connection c) throws SQLException {
        while (true) {
            long key = RANDOM.nextLong();
            try (var st = bind(c.prepareStatement("SELECT pg_try_advisory_lock(?)"), key); var rs = st.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return key;
                }
            }
        }
    }

    /** Lets go of a session's advisory locks and gives the connection back (or drops it if that fails). */
    void releaseSession(Connection c) {
        if (c == null) {
            return;
        }
        try (var st = c.createStatement()) {
            st.execute("SELECT pg_advisory_unlock_all()");
            c.close();
        } catch (SQLException e) {
            discard(c);
        }
    }

    /** Moves the lease's expiry on; null when the lease is no longer ours. */
    LockInfo renewLease(Connection session, String stack, LockInfo info, Duration ttl, long key) throws SQLException {
        return updateLease(session, stack, info, ttl, key);
    }

    /** Points the lease at a new session (after the old connection was lost); null when the lease is no longer ours. */
    LockInfo adoptLease(Connection session, String stack, LockInfo info, Duration ttl, long key) throws SQLException {
        return updateLease(session, stack, info, ttl, key);
    }

    private LockInfo updateLease(Connection c, String stack, LockInfo info, Duration ttl, long key) throws SQLException {
        try (var st = bind(c.prepareStatement("UPDATE " + t("locks") + " AS l SET renewed_at = now(), expires_at = now() + ? "
                + "* interval '1 millisecond', session_key = ? WHERE stack = ? AND lock_id = ? RETURNING " + TIMES),
                ttl.toMillis(), key, stack, info.lockId()); var rs = st.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new LockInfo(info.lockId(), stack, info.user(), info.host(), info.pid(), info.command(), rs.getLong(1),
                    rs.getLong(2));
        }
    }

    /** Deletes the lease if it is still {@code lockId}, and lets go of its session. */
    void releaseLease(PostgresLock lock, Connection session, String stack, String lockId) {
        held.remove(stack, lock);
        String sql = "DELETE FROM " + t("locks") + " WHERE stack = ? AND lock_id = ?";
        try (var st = bind(session.prepareStatement(sql), stack, lockId)) {
            st.executeUpdate();
            releaseSession(session);
            return;
        } catch (SQLException e) {
            discard(session);
        }
        try {
            withConnection("release the lock of stack '" + stack + "'", c -> {
                try (var st = bind(c.prepareStatement(sql), stack, lockId)) {
                    return st.executeUpdate();
                }
            });
        } catch (RuntimeException ignored) {
            // the database is away: the lease lapses with its TTL, or at once as its session is gone
        }
    }

    private Optional<LockInfo> liveHolder(Connection c, String stack) throws SQLException {
        try (var st = bind(c.prepareStatement("SELECT l.lock_id, l.holder_user, l.host, l.pid, l.command, " + TIMES + ", "
                + STALE + " FROM " + t("locks") + " l WHERE l.stack = ?"), stack); var rs = st.executeQuery()) {
            if (!rs.next() || rs.getBoolean(8)) {
                return Optional.empty();
            }
            return Optional.of(lockInfo(rs, stack));
        }
    }

    private static LockInfo lockInfo(ResultSet rs, String stack) throws SQLException {
        return new LockInfo(rs.getString(1), stack, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7));
    }

    @Override
    public Optional<LockInfo> lockHolder(String stack) {
        stack(stack);
        return withConnection("read the lock of stack '" + stack + "'", c -> liveHolder(c, stack));
    }

    @Override
    public LockInfo forceUnlock(String stack, String lockId) {
        stack(stack);
        return withConnection("remove the lock of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("DELETE FROM " + t("locks") + " l WHERE l.stack = ? AND l.lock_id = ? "
                    + "RETURNING l.lock_id, l.holder_user, l.host, l.pid, l.command, " + TIMES), stack, lockId);
                 var rs = st.executeQuery()) {
                if (rs.next()) {
                    return lockInfo(rs, stack);
                }
            }
            var current = strings(c, "SELECT lock_id FROM " + t("locks") + " WHERE stack = ?", stack);
            if (current.isEmpty()) {
                throw new IllegalArgumentException("the stack is not locked");
            }
            throw new IllegalArgumentException("the stack's lock has id " + current.getFirst() + ", not " + lockId
                    + "; check with `creact info` and pass the current id");
        });
    }

    // ------------------------------------------------------------------ documents and logs

    @Override
    public Optional<byte[]> readDocument(String stack, String name) {
        stack(stack);
        documentName(name);
        return withConnection("read document " + name + " of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("SELECT content FROM " + t("documents") + " WHERE stack = ? AND name = ?"),
                    stack, name); var rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
            }
        });
    }

    @Override
    public void writeDocument(String stack, String name, byte[] content) {
        stack(stack);
        documentName(name);
        withConnection("write document " + name + " of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("INSERT INTO " + t("documents") + " (stack, name, content) VALUES (?, ?, ?) "
                    + "ON CONFLICT (stack, name) DO UPDATE SET content = excluded.content, written_at = now()"),
                    stack, name, content)) {
                return st.executeUpdate();
            }
        });
    }

    @Override
    public List<String> documents(String stack) {
        stack(stack);
        return withConnection("list the documents of stack '" + stack + "'", c -> strings(c,
                "SELECT name FROM " + t("documents") + " WHERE stack = ? ORDER BY name COLLATE \"C\"", stack));
    }

    /**
     * A session advisory lock on a key of the schema, stack and name, held on a connection of its own for the
     * section (whose own statements use other connections): two machines appending to one audit chain or
     * editing one stack's secrets take turns. In-process callers queue on the default monitor first, so they
     * never hold more than one of the pool's connections waiting.
     */
    @Override
    public <T> T exclusive(String stack, String name, java.util.function.Supplier<T> section) {
        stack(stack);
        documentName(name);
        return StateBackend.super.exclusive(stack, name, () -> {
            long key = ("creact-section:" + schema + "/" + stack + "/" + name).hashCode();
            Connection c = null;
            try {
                c = pool.getConnection();
                try (var st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + key + ")");
                }
                return section.get();
            } catch (SQLException e) {
                throw errors.failed("lock " + name + " of stack '" + stack + "'", e);
            } finally {
                releaseSession(c);
            }
        });
    }

    @Override
    public void appendLog(String stack, String name, String line) {
        stack(stack);
        documentName(name);
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log line cannot hold a newline");
        }
        withConnection("append to log " + name + " of stack '" + stack + "'", c -> {
            try (var st = bind(c.prepareStatement("INSERT INTO " + t("log_lines") + " (stack, name, line) VALUES (?, ?, ?)"),
                    stack, name, line)) {
                return st.executeUpdate();
            }
        });
    }

    @Override
    public List<String> readLog(String stack, String name) {
        stack(stack);
        documentName(name);
        return withConnection("read log " + name + " of stack '" + stack + "'", c -> strings(c,
                "SELECT line FROM " + t("log_lines") + " WHERE stack = ? AND name = ? ORDER BY id", stack, name));
    }

    @Override
    public Optional<String> lastLogLine(String stack, String name) {
        stack(stack);
        documentName(name);
        // The index on (stack, name, id) answers this from its last entry.
        return withConnection("read the last line of log " + name + " of stack '" + stack + "'", c -> strings(c,
                "SELECT line FROM " + t("log_lines") + " WHERE stack = ? AND name = ? ORDER BY id DESC LIMIT 1", stack, name))
                .stream().findFirst();
    }

    @Override
    public List<String> logs(String stack) {
        stack(stack);
        return withConnection("list the logs of stack '" + stack + "'", c -> strings(c,
                "SELECT DISTINCT name COLLATE \"C\" FROM " + t("log_lines") + " WHERE stack = ? ORDER BY 1", stack));
    }
}
