package dev.creact.backend.postgres;

import dev.creact.engine.backend.StackLock;
import dev.creact.engine.model.LockInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A held lease on a stack's lock row. Its own connection (the <em>session</em>) holds a session-level
 * advisory lock on the lease's {@code session_key} for as long as the lease is held, which is how others
 * see that the holder is alive; every third of the TTL it moves {@code expires_at} on. A renewal that finds
 * the row gone or someone else's marks the lease lost. A renewal that cannot reach the database tries a
 * new connection; a holder that could not renew for a whole TTL counts itself as having lost the lease
 * (someone may have taken it by then).
 */
final class PostgresLock implements StackLock {
    private final PostgresStateBackend backend;
    private final String stack;
    private final Duration ttl;
    private volatile LockInfo info;
    private volatile Connection session;
    private volatile long sessionKey;
    private volatile boolean lost;
    /** The expired lease this one replaced, or null when the stack was free. */
    private final LockInfo replaced;
    /** When the last renewal that succeeded was sent (System.nanoTime()); the server's expiry is no earlier than this + TTL. */
    private volatile long renewedAt;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "creact-pg-lock-renewal");
        t.setDaemon(true);
        return t;
    });

    PostgresLock(PostgresStateBackend backend, String stack, LockInfo info, Duration ttl, Connection session,
                 long sessionKey, long sentAt, LockInfo replaced) {
        this.backend = backend;
        this.replaced = replaced;
        this.stack = stack;
        this.info = info;
        this.ttl = ttl;
        this.session = session;
        this.sessionKey = sessionKey;
        this.renewedAt = sentAt;
        long period = Math.max(50, ttl.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    long sessionKey() {
        return sessionKey;
    }

    String lockId() {
        return info.lockId();
    }

    private void renew() {
        long sent = System.nanoTime();
        try {
            var renewed = backend.renewLease(session, stack, info, ttl, sessionKey);
            if (renewed == null) {
                markLost();
                return;
            }
            info = renewed;
            renewedAt = sent;
        } catch (SQLException e) {
            // The session is gone (the server restarted, the network dropped it): carry on with a new one
            // if the lease is still ours.
            try {
                reconnect();
                renewedAt = sent;
            } catch (SQLException again) {
                if (System.nanoTime() - renewedAt > ttl.toNanos()) {
                    markLost();
                }
            }
        }
    }

    private void reconnect() throws SQLException {
        Connection fresh = backend.connection();
        try {
            long key = backend.takeSessionKey(fresh);
            var renewed = backend.adoptLease(fresh, stack, info, ttl, key);
            if (renewed == null) {
                backend.releaseSession(fresh);
                markLost();
                return;
            }
            var old = session;
            session = fresh;
            sessionKey = key;
            info = renewed;
            backend.discard(old);
        } catch (SQLException | RuntimeException e) {
            backend.discard(fresh);
            throw e;
        }
    }

    private void markLost() {
        lost = true;
        renewer.shutdown();
    }

    @Override
    public LockInfo info() {
        return info;
    }

    @Override
    public java.util.Optional<LockInfo> tookOver() {
        return java.util.Optional.ofNullable(replaced);
    }

    @Override
    public boolean held() {
        return !lost && System.nanoTime() - renewedAt <= ttl.toNanos();
    }

    /** Stops renewing without letting go, as a holder that hangs would (for the conformance suite). */
    void abandon() {
        renewer.shutdownNow();
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backend.releaseLease(this, session, stack, info.lockId());
    }
}
