package dev.creact.backend.postgres;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.Journal;
import dev.creact.engine.model.Json;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * One stack's open journal in PostgreSQL, with group commit: {@link #append} hands its entry to one writer
 * thread and waits until the transaction holding it has committed, so an entry is in the database, whatever
 * happens to this process afterwards, before {@code append} returns, as the {@link Journal} contract asks.
 * The writer takes every entry waiting when it starts a transaction, so operations running in parallel share
 * commits instead of queuing for one round trip each.
 *
 * <p>Durability is the file journal's: its commits are asynchronous ({@code synchronous_commit = off} on
 * its connection), so a commit returns once the server has the entry, and the server's WAL writer flushes it
 * to disk within a few hundred milliseconds (the file journal is fsynced every 100 ms). A crash of the
 * database server's machine in that window can lose the last entries, as a power cut can lose the file
 * journal's; every synchronous commit after them (the next state or deployment record write, {@link #sync})
 * flushes them too, since the WAL is one sequence.
 *
 * <p>While the backend that opened it holds the stack's lock, every transaction also checks, in the same
 * statement, that the lock is still this holder's (a fencing check): once someone else took the lock over,
 * no entry of the old holder is written, so it can start no further operation. After a failure (the
 * database went away, the lock was lost), the journal refuses every later entry at once: what was written
 * is no longer certain, and the deployment must stop and be resumed.
 */
final class PostgresJournal implements Journal {
    private record Pending(String line, CompletableFuture<Void> stored) {
    }

    private static final Pending STOP = new Pending(null, null);
    private static final int MAX_BATCH = 1000;

    private final String stack;
    private final long generation;
    private final Connection connection;
    private final String insert;
    private final Supplier<String> fence;
    private final PostgresErrors errors;
    private final Runnable onClose;
    private final Runnable flush;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile int committing;
    private final Thread writer;
    private volatile RuntimeException broken;
    private volatile boolean closed;
    private volatile int commits;

    /**
     * @param fence   the lock id every write must still find in the stack's lock row, or null for none (asked
     *                per transaction: the backend may take or release the lock while the journal is open)
     * @param flush   makes every commit so far durable (a synchronous commit on another connection)
     * @param onClose gives the connection back
     */
    PostgresJournal(String stack, long generation, Connection connection, String schema, Supplier<String> fence,
                    PostgresErrors errors, Runnable flush, Runnable onClose) {
        this.stack = stack;
        this.generation = generation;
        this.connection = connection;
        this.fence = fence;
        this.errors = errors;
        this.onClose = onClose;
        this.flush = flush;
        // One statement per transaction whatever the batch's size: the entries as an array, in order, and
        // (with a fence) only if the lock row is still ours, read with FOR SHARE so that a takeover waits
        // for this commit and then sees these entries.
        this.insert = "INSERT INTO " + schema + ".journal_entries (stack, generation, entry) "
                + "SELECT ?, ?, e.entry FROM unnest(?::text[]) WITH ORDINALITY AS e(entry, n) "
                + "WHERE ?::text IS NULL OR EXISTS (SELECT 1 FROM " + schema + ".locks l WHERE l.stack = ? "
                + "AND l.lock_id = ? FOR SHARE) ORDER BY e.n";
        this.writer = Thread.ofPlatform().daemon().name("creact-pg-journal-" + stack).start(this::write);
    }

    @Override
    public void append(ObjectNode entry) {
        var failure = broken;
        if (failure != null) {
            throw refusedAfter(failure);
        }
        if (closed) {
            throw new IllegalStateException("the journal of stack '" + stack + "' is closed");
        }
        var pending = new Pending(Json.write(entry), new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.stored().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The entry may still be written; the caller treats the operation as not started either way,
            // which recovery tolerates (an intent without a result is settled by reading the provider).
            throw new IllegalStateException("interrupted while writing the journal of stack '" + stack + "'", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private RuntimeException refusedAfter(RuntimeException failure) {
        return new UncheckedIOException("the journal of stack '" + stack + "' takes no more entries after an earlier "
                + "failure: " + failure.getMessage(), failure instanceof UncheckedIOException u ? u.getCause()
                : new java.io.IOException(failure));
    }

    /** The writer: one transaction per batch of whatever is waiting. */
    private void write() {
        var batch = new ArrayList<Pending>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            if (batch.remove(STOP)) {
                stopping = true;
            }
            if (!batch.isEmpty()) {
                committing = batch.size();
                commit(batch);
                committing = 0;
            }
            batch.clear();
        }
        // Whatever came after STOP (appends racing close) is refused.
        var rest = new ArrayList<Pending>();
        queue.drainTo(rest);
        rest.stream().filter(p -> p != STOP).forEach(p -> p.stored().completeExceptionally(
                new IllegalStateException("the journal of stack '" + stack + "' is closed")));
    }

    private void commit(List<Pending> batch) {
        var failure = broken;
        if (failure == null) {
            try {
                String lockId = fence.get();
                try (var st = connection.prepareStatement(insert)) {
                    st.setString(1, stack);
                    st.setLong(2, generation);
                    st.setArray(3, connection.createArrayOf("text", batch.stream().map(Pending::line).toArray()));
                    st.setString(4, lockId);
                    st.setString(5, stack);
                    st.setString(6, lockId);
                    int rows = st.executeUpdate();
                    commits++;
                    if (rows != batch.size()) {
                        failure = new IllegalStateException("the lock of stack '" + stack + "' is no longer this "
                                + "process's (it was removed or taken over): no more journal entries, so no more "
                                + "operations, from this deployment");
                    }
                }
            } catch (SQLException e) {
                failure = errors.failed("write the deployment journal of stack '" + stack + "'", e);
            }
            if (failure != null) {
                broken = failure;
            }
        }
        for (Pending p : batch) {
            if (failure == null) {
                p.stored().complete(null);
            } else {
                p.stored().completeExceptionally(failure);
            }
        }
    }

    /** Transactions committed so far (for the tests of group commit). */
    int commits() {
        return commits;
    }

    /** Entries in the transaction being committed now, 0 between transactions (for the tests of group commit). */
    int committing() {
        return committing;
    }

    /** Entries handed over and not yet taken by the writer (for the tests of group commit). */
    int waiting() {
        return queue.size();
    }

    /** Flushes every entry appended so far to the server's disk (they are committed already). */
    @Override
    public void sync() {
        flush.run();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.interrupt();
        }
        onClose.run();
    }
}
