package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The server's current state of one stack, and the numbering of its messages. Every update is applied here
 * and becomes a {@code state_update} carrying only what changed; a new subscriber gets {@link #fullMessage()}.
 * Used by the publishing thread only.
 */
final class StackView {
    private final String stack;
    private long serial;
    private DeploymentStatus status = DeploymentStatus.PENDING;
    private long stateSerial;
    private LinkedHashMap<String, ResourceState> resources = new LinkedHashMap<>();
    private ObjectNode outputs = JsonNodeFactory.instance.objectNode();
    private StackUpdate.ChangeInProgress change;
    private String deploymentId;
    private String error;
    private Instant timestamp = Instant.now();
    /** The last full message and the serial it was made at: many subscribers arriving at once share it. */
    private String full;
    private long fullSerial = -1;

    StackView(String stack) {
        this.stack = stack;
    }

    long serial() {
        return serial;
    }

    /**
     * Applies an update whose outputs are already redacted. Returns the message for current subscribers
     * (only what changed), or null when the update changes nothing.
     */
    String apply(StackUpdate u) {
        var changed = new ArrayList<ResourceState>();
        var removed = new ArrayList<String>();
        if (u.full()) {
            var next = new LinkedHashMap<String, ResourceState>();
            for (ResourceState r : u.resources()) {
                var merged = merge(r);
                next.put(r.id(), merged);
                if (!merged.equals(resources.get(r.id()))) {
                    changed.add(merged);
                }
            }
            for (String id : resources.keySet()) {
                if (!next.containsKey(id)) {
                    removed.add(id);
                }
            }
            resources = next;
        } else {
            for (ResourceState r : u.resources()) {
                var merged = merge(r);
                if (!merged.equals(resources.put(r.id(), merged))) {
                    changed.add(merged);
                }
            }
            for (String id : u.removed()) {
                if (resources.remove(id) != null) {
                    removed.add(id);
                }
            }
        }
        boolean stackChanged = false;
        if (u.status() != status) {
            status = u.status();
            stackChanged = true;
        }
        long newStateSerial = u.full() || u.stateSerial() != 0 ? u.stateSerial() : stateSerial;
        if (newStateSerial != stateSerial) {
            stateSerial = newStateSerial;
            stackChanged = true;
        }
        ObjectNode newOutputs = u.outputs() != null ? u.outputs() : u.full() ? JsonNodeFactory.instance.objectNode() : outputs;
        boolean outputsChanged = !newOutputs.equals(outputs);
        outputs = newOutputs;
        if (!Objects.equals(u.change(), change)) {
            change = u.change();
            stackChanged = true;
        }
        String newDeployment = u.deploymentId() != null || u.full() ? u.deploymentId() : deploymentId;
        String newError = u.full() ? u.error() : u.error() != null ? u.error() : error;
        if (!Objects.equals(newDeployment, deploymentId) || !Objects.equals(newError, error)) {
            deploymentId = newDeployment;
            error = newError;
            stackChanged = true;
        }
        timestamp = u.timestamp();
        if (changed.isEmpty() && removed.isEmpty() && !stackChanged && !outputsChanged && serial > 0) {
            return null;
        }
        serial++;
        return write(false, changed, removed, outputsChanged);
    }

    /** A resource of an update, with the outputs this view has when the update leaves them out. */
    private ResourceState merge(ResourceState r) {
        if (r.outputs() != null) {
            return r;
        }
        var old = resources.get(r.id());
        return r.withOutputs(old == null ? JsonNodeFactory.instance.objectNode() : old.outputs());
    }

    /** The whole current state, for a new subscriber and {@code GET /v1/stacks/{stack}/state}. */
    String fullMessage() {
        if (fullSerial != serial) {
            full = write(true, resources.values(), List.of(), true);
            fullSerial = serial;
        }
        return full;
    }

    /** One line of {@code GET /v1/stacks}. */
    ObjectNode summary() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("stack", stack);
        o.put("status", status.name());
        o.put("serial", serial);
        o.put("stateSerial", stateSerial);
        o.put("resourceCount", resources.size());
        o.put("timestamp", timestamp.toString());
        return o;
    }

    private String write(boolean isFull, java.util.Collection<ResourceState> list, List<String> removed, boolean withOutputs) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", "state_update");
        o.put("schemaVersion", StateSyncProtocol.SCHEMA_VERSION);
        o.put("stack", stack);
        o.put("serial", serial);
        o.put("stateSerial", stateSerial);
        o.put("status", status.name());
        o.put("full", isFull);
        ArrayNode rs = o.putArray("resources");
        for (ResourceState r : list) {
            ObjectNode ro = rs.addObject();
            ro.put("id", r.id());
            ro.put("type", r.type());
            ro.put("status", r.status().name());
            if (r.action() != null) {
                ro.put("action", r.action());
            }
            ro.set("outputs", r.outputs());
        }
        ArrayNode rm = o.putArray("removed");
        removed.forEach(rm::add);
        if (withOutputs) {
            o.set("outputs", outputs);
        }
        if (change == null) {
            o.putNull("change");
        } else {
            o.putObject("change").put("id", change.id()).put("action", change.action());
        }
        if (deploymentId == null) {
            o.putNull("deploymentId");
        } else {
            o.put("deploymentId", deploymentId);
        }
        if (error == null) {
            o.putNull("error");
        } else {
            o.put("error", error);
        }
        o.put("timestamp", timestamp.toString());
        return Json.write(o);
    }
}
