package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Node;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link StackUpdate}s from the engine's model: the whole state of a stack from its deployed
 * CloudDOM and deployment record, and one-resource updates for the moments of a deploy (an operation
 * started, applied, failed). Only ids, types and outputs are taken from a {@link Node}, never its props.
 */
public final class StackUpdates {
    private StackUpdates() {
    }

    /**
     * The whole state of a stack.
     *
     * @param stack       stack name
     * @param deployed    the deployed CloudDOM, or null when nothing was ever deployed
     * @param stateSerial its serial in the backend (0 when nothing was deployed)
     * @param deployment  the stack's last deployment record, or null when there is none. While it runs
     *                    (PENDING or APPLYING), the resources it will change are PENDING, with their action;
     *                    the operations it recorded as failed or skipped are FAILED.
     */
    public static StackUpdate of(String stack, CloudDom deployed, long stateSerial, DeploymentState deployment) {
        var resources = new LinkedHashMap<String, ResourceState>();
        if (deployed != null) {
            for (Node n : deployed.allNodes()) {
                resources.put(n.id(), new ResourceState(n.id(), n.type(), ResourceStatus.DEPLOYED, null, n.outputs()));
            }
        }
        DeploymentStatus status = deployment != null ? deployment.status()
                : deployed == null ? DeploymentStatus.PENDING : DeploymentStatus.DEPLOYED;
        if (deployment != null) {
            markPlanned(deployment, resources);
            for (var f : deployment.failed()) {
                var r = resources.get(f.id());
                String action = f.action() == null ? null : f.action().toLowerCase(Locale.ROOT);
                if (r != null) {
                    resources.put(f.id(), r.withStatus(ResourceStatus.FAILED, action));
                } else {
                    Node target = deployment.target() == null ? null : deployment.target().byId().get(f.id());
                    if (target != null) {
                        resources.put(f.id(), new ResourceState(f.id(), target.type(), ResourceStatus.FAILED, action, null));
                    }
                }
            }
        }
        return new StackUpdate(stack, status, stateSerial, true, List.copyOf(resources.values()), List.of(),
                stackOutputs(deployed), null, deployment == null ? null : deployment.deploymentId(),
                deployment == null ? null : deployment.error(), timestamp(deployment));
    }

    /** The operations of a running deployment not done yet: PENDING, with what will be done to them. */
    private static void markPlanned(DeploymentState deployment, Map<String, ResourceState> resources) {
        if (deployment.status() != DeploymentStatus.PENDING && deployment.status() != DeploymentStatus.APPLYING) {
            return;
        }
        var done = new HashSet<>(deployment.checkpoint());
        deployment.failed().forEach(f -> done.add(f.id()));
        Map<String, Node> target = deployment.target() == null ? Map.of() : deployment.target().byId();
        Map<String, Node> before = deployment.before() == null ? Map.of() : deployment.before().byId();
        for (String id : deployment.order()) {
            if (done.contains(id)) {
                continue;
            }
            Node next = target.get(id);
            Node old = before.get(id);
            String action = next == null ? "delete" : old == null ? "create"
                    : old.type().equals(next.type()) ? "update" : "replace";
            var current = resources.get(id);
            if (current != null) {
                resources.put(id, current.withStatus(ResourceStatus.PENDING, action));
            } else if (next != null) {
                resources.put(id, new ResourceState(id, next.type(), ResourceStatus.PENDING, action, null));
            }
        }
    }

    /** The stack's outputs as declared with {@code useStackOutputs} (empty when none, or nothing deployed). */
    public static ObjectNode stackOutputs(CloudDom deployed) {
        return deployed == null ? JsonNodeFactory.instance.objectNode() : deployed.stackOutputs().deepCopy();
    }

    /** A resource's operation started during a deploy (its outputs stay what the server has). */
    public static StackUpdate started(String stack, String deploymentId, String id, String type, String action) {
        return partial(stack, deploymentId, new ResourceState(id, type, ResourceStatus.APPLYING, action, null),
                List.of(), id, action);
    }

    /** A resource was created, updated or replaced during a deploy: {@code node} is the result, with its outputs. */
    public static StackUpdate applied(String stack, String deploymentId, Node node, String action) {
        return partial(stack, deploymentId, new ResourceState(node.id(), node.type(), ResourceStatus.DEPLOYED, null,
                node.outputs()), List.of(), node.id(), action);
    }

    /** A resource was deleted during a deploy. */
    public static StackUpdate deleted(String stack, String deploymentId, String id, String action) {
        return partial(stack, deploymentId, null, List.of(id), id, action);
    }

    /** A resource's operation failed or was skipped during a deploy. */
    public static StackUpdate failed(String stack, String deploymentId, String id, String type, String action) {
        return partial(stack, deploymentId, new ResourceState(id, type, ResourceStatus.FAILED, action, null),
                List.of(), id, action);
    }

    /** A partial update of a running deployment about one resource. */
    private static StackUpdate partial(String stack, String deploymentId, ResourceState resource, List<String> removed,
                                       String id, String action) {
        var list = new ArrayList<ResourceState>();
        if (resource != null) {
            list.add(resource);
        }
        return new StackUpdate(stack, DeploymentStatus.APPLYING, 0, false, list, removed, null,
                new StackUpdate.ChangeInProgress(id, action), deploymentId, null, Instant.now());
    }

    private static Instant timestamp(DeploymentState deployment) {
        if (deployment != null && deployment.updatedAt() != null) {
            try {
                return Instant.parse(deployment.updatedAt());
            } catch (DateTimeParseException ignored) {
                // an odd record: fall back to now
            }
        }
        return Instant.now();
    }
}
