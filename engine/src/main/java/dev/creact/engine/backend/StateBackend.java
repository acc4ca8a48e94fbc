package dev.creact.engine.backend;

import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.model.LockInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the deployed state of each stack lives, with its lock, its deployment record and its journal.
 * Every write is atomic or transactional.
 */
public interface StateBackend {
    /** The stack's state, or empty when nothing was ever deployed. */
    Optional<StateSnapshot> read(String stack);

    /** Replaces the stack's state; returns the new serial. Refuses to overwrite state it cannot trust. */
    long write(String stack, CloudDom cloudDom);

    /** Takes the stack's lock or throws {@link LockHeldException} naming the holder and the lock's age. */
    StackLock lock(String stack, String command, Duration ttl);

    /** The live holder of the stack's lock, if any. */
    Optional<LockInfo> lockHolder(String stack);

    /** Removes the lock with this id, whoever holds it. */
    LockInfo forceUnlock(String stack, String lockId);

    Optional<DeploymentState> readDeployment(String stack);

    /** The status of the stack's last deployment record, without reading the rest when that can be avoided. */
    default Optional<dev.creact.engine.model.DeploymentStatus> deploymentStatus(String stack) {
        return readDeployment(stack).map(DeploymentState::status);
    }

    void writeDeployment(String stack, DeploymentState deployment);

    /** Opens the journal for appending; {@code fresh} starts a new one (the old one is kept aside). */
    Journal openJournal(String stack, boolean fresh);

    List<JsonNode> readJournal(String stack);

    /** For {@code creact info}. */
    String describe();
}
