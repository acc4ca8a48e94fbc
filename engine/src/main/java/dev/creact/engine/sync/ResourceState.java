package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * One resource as state sync shows it. There is deliberately no field for props: a message can only
 * carry what a provider reported back (outputs), and those pass the server's {@link OutputRedaction}.
 *
 * @param id      the resource id
 * @param type    construct type, such as {@code local:File}
 * @param status  where it stands
 * @param action  the operation planned or running on it ({@code create}, {@code update}, {@code replace},
 *                {@code delete}), or null when nothing is planned
 * @param outputs its outputs (empty before its first deploy); in an update, null means "the outputs the server
 *                already has" (an operation that starts changes no output)
 */
public record ResourceState(String id, String type, ResourceStatus status, String action, ObjectNode outputs) {
    public ResourceState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        outputs = outputs == null ? null : outputs.deepCopy();
    }

    public ResourceState withStatus(ResourceStatus newStatus, String newAction) {
        return new ResourceState(id, type, newStatus, newAction, outputs);
    }

    public ResourceState withOutputs(ObjectNode newOutputs) {
        return new ResourceState(id, type, status, action, newOutputs);
    }
}
