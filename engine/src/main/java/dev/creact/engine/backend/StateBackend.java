package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.StateSnapshot;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where each stack's deployed state lives, with its deployment record, its journal, its lock, and the
 * stack's other documents and logs (encrypted secrets, the audit chain, an adapter's own state). A
 * backend is a plugin: a {@link StateBackendFactory} found by {@link java.util.ServiceLoader} and chosen
 * by the {@code "backend": {"type": …}} of the configuration.
 *
 * <p>Every implementation must pass the conformance suite ({@code StateBackendContract} in the tests):
 * stacks isolated from each other, every write atomic or transactional, a write that lost a race refused
 * with {@link SerialConflictException} (never a lost update), one lock holder at a time across processes
 * and machines, a torn last journal entry skipped on replay.
 *
 * <p>A backend stores; it decides nothing. What the journal's entries mean, when to lock, what to write
 * belong to {@code deploy}.
 */
public interface StateBackend extends AutoCloseable {
    /** The configuration's name for it: {@code file}, {@code memory}, {@code postgres}. */
    String type();

    /** Where it keeps things, for {@code creact info} (never a password). */
    String describe();

    /** The stacks it holds anything for, sorted. */
    List<String> stacks();

    // ------------------------------------------------------------------ state

    /** The stack's state, or empty when nothing was ever deployed. Refuses state it cannot trust. */
    Optional<StateSnapshot> read(String stack);

    /**
     * Replaces the stack's state if its serial is still {@code expectedSerial} (0: the stack has no state
     * yet), in one atomic step, and returns the new serial ({@code expectedSerial + 1}).
     *
     * @throws SerialConflictException when someone else wrote since (the caller's view is stale)
     */
    long write(String stack, CloudDom cloudDom, long expectedSerial);

    /**
     * A cheap token that changes whenever the stack's state is written (here or by another process), so a
     * long-lived client can keep a parsed state until it changes. Empty when there is no state.
     */
    Optional<String> stateVersion(String stack);

    // ------------------------------------------------------------------ deployment record

    Optional<DeploymentState> readDeployment(String stack);

    /** The status of the stack's last deployment record, without reading the rest when that can be avoided. */
    default Optional<DeploymentStatus> deploymentStatus(String stack) {
        return readDeployment(stack).map(DeploymentState::status);
    }

    void writeDeployment(String stack, DeploymentState deployment);

    // ------------------------------------------------------------------ journal

    /** Opens the journal for appending; {@code fresh} starts a new one (the previous one is kept aside). */
    Journal openJournal(String stack, boolean fresh);

    /** Every well-formed entry of the current journal, in order; a torn last entry (a crash mid-write) is skipped. */
    List<JsonNode> readJournal(String stack);

    // ------------------------------------------------------------------ lock

    /**
     * Takes the stack's lock for {@code command}, renewed while held (its expiry moves {@code ttl} ahead),
     * or throws {@link LockHeldException} naming the live holder and the lock's age. A holder whose TTL
     * passed, or whose process is gone from this host, no longer holds it.
     */
    StackLock lock(String stack, String command, Duration ttl);

    /** The live holder of the stack's lock, if any. */
    Optional<LockInfo> lockHolder(String stack);

    /** Removes the lock with this id, whoever holds it; returns what it removed. */
    LockInfo forceUnlock(String stack, String lockId);

    // ------------------------------------------------------------------ a stack's other documents and logs

    /**
     * A named document of the stack (for example {@code secrets.enc.json}), as last written. Names are
     * lower-case letters, digits, '.', '-' and '_'.
     */
    Optional<byte[]> readDocument(String stack, String name);

    /** Replaces a named document atomically. */
    void writeDocument(String stack, String name, byte[] content);

    /** Appends one line (no newline in it) to a named append-only log of the stack (for example {@code audit}). */
    void appendLog(String stack, String name, String line);

    /** Every line of a named log, oldest first (empty when it was never written). */
    List<String> readLog(String stack, String name);

    /**
     * The last line of a named log, the one {@link #readLog} would give last (empty when it was never written):
     * what an append that chains onto it (the audit log's hash chain) needs, without reading a log that only
     * grows. The default reads the whole log; backends override it with a read of the tail.
     */
    default Optional<String> lastLogLine(String stack, String name) {
        var lines = readLog(stack, name);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast());
    }

    /**
     * Runs {@code section} while no other process or thread holds the same stack's {@code name} section: how a
     * read-modify-write of a document (the secrets) or an append that depends on the last line (the audit
     * chain) stays whole when two commands run at once. The default is this process only; backends shared
     * between processes override it (the file backend with a file lock, postgres with an advisory lock).
     */
    default <T> T exclusive(String stack, String name, java.util.function.Supplier<T> section) {
        synchronized (ExclusiveSections.monitor(this, stack, name)) {
            return section.get();
        }
    }

    /**
     * Removes everything the backend holds for {@code stack}: state, record, journals, documents, logs. The
     * caller holds the stack's lock (it goes too) and has decided the resources may be forgotten.
     */
    void deleteStack(String stack);

    // ------------------------------------------------------------------ copying between backends

    /** The names of the stack's documents, sorted (what {@code creact state migrate} copies). */
    default List<String> documents(String stack) {
        throw new UnsupportedOperationException("the " + type() + " backend cannot list a stack's documents");
    }

    /** The names of the stack's logs, sorted (what {@code creact state migrate} copies). */
    default List<String> logs(String stack) {
        throw new UnsupportedOperationException("the " + type() + " backend cannot list a stack's logs");
    }

    /**
     * Puts {@code snapshot} as the stack's state, with its serial, replacing what is there: how
     * {@code creact state migrate} copies a state from another backend unchanged (saved plans name the serial).
     */
    default void importState(String stack, StateSnapshot snapshot) {
        throw new UnsupportedOperationException("the " + type() + " backend cannot import a state");
    }

    /** Lets go of connections and threads; the state stays where it is. */
    @Override
    default void close() {
    }
}
