package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeploymentStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a feed tells the {@link StateSyncServer} about one stack: either its whole state ({@code full}) or
 * the resources that changed since the last update ({@code full == false}). The server keeps the current
 * state of each stack, turns every update into the smallest {@code state_update} message (only what
 * changed) and numbers the messages; see {@code docs/state-sync.md}.
 *
 * <p>Build one with {@link StackUpdates}.
 *
 * @param stack        stack name
 * @param status       the stack's deployment status (PENDING also means "nothing deployed yet")
 * @param stateSerial  the serial of the stack's state in the backend (0 before the first deploy); in a
 *                     partial update, 0 means "unchanged"
 * @param full         true: {@code resources} is every resource and any other is gone; false: only
 *                     {@code resources} changed and {@code removed} are gone
 * @param resources    resource states (the whole list, or the changed ones)
 * @param removed      ids that no longer exist (partial updates only; ignored when full)
 * @param outputs      the stack's outputs; in a partial update, null means "unchanged"
 * @param change       the change this update is about (the operation that just started or ended), or null
 * @param deploymentId the running or last deployment, or null
 * @param error        what stopped the last deployment, when it failed (engine text, never provider data)
 * @param timestamp    when the state changed
 */
public record StackUpdate(String stack, DeploymentStatus status, long stateSerial, boolean full,
                          List<ResourceState> resources, List<String> removed, ObjectNode outputs,
                          ChangeInProgress change, String deploymentId, String error, Instant timestamp) {

    /** The operation an update is about: a resource id and what is done to it. */
    public record ChangeInProgress(String id, String action) {
        public ChangeInProgress {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(action, "action");
        }
    }

    public StackUpdate {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(status, "status");
        resources = List.copyOf(resources == null ? List.of() : resources);
        removed = full || removed == null ? List.of() : List.copyOf(removed);
        outputs = outputs == null ? null : outputs.deepCopy();
        timestamp = timestamp == null ? Instant.now() : timestamp;
    }
}
