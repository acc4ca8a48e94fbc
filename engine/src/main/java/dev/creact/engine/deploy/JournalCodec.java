package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.Journal;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows what a deployment journal's entries say. Each provider call is an
 * {@code intent} before it and a {@code result} after it:
 * <pre>{"deployment":"…","event":"intent","id":"site.index","step":"create","type":"local:File","at":…}
 * {"deployment":"…","event":"result","id":"site.index","step":"create","ok":true,"node":{…},"at":…}
 * {"deployment":"…","event":"result","id":"site.index","step":"create","ok":false,"error":"…","at":…}</pre>
 * {@code step} is {@code create}, {@code update}, {@code delete} or {@code delete-old} (the old half of a
 * create-before-destroy replacement). {@link #replay} reads a journal back into what completed and what
 * may or may not have happened.
 */
final class JournalCodec {
    private final Journal journal;
    private final String deploymentId;

    JournalCodec(Journal journal, String deploymentId) {
        this.journal = journal;
        this.deploymentId = deploymentId;
    }

    void intent(String id, String step, String type) {
        journal.append(entry("intent", id, step).put("type", type));
    }

    /** A call that succeeded; {@code node} is the resource as it now exists (null after a delete). */
    void succeeded(String id, String step, Node node) {
        ObjectNode e = entry("result", id, step).put("ok", true);
        if (node != null) {
            e.set("node", Json.tree(node));
        }
        journal.append(e);
    }

    void failed(String id, String step, String error) {
        journal.append(entry("result", id, step).put("ok", false).put("error", error));
    }

    private ObjectNode entry(String event, String id, String step) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("deployment", deploymentId);
        e.put("event", event);
        e.put("id", id);
        e.put("step", step);
        e.put("at", System.currentTimeMillis());
        return e;
    }

    /** One completed step: the resource after it (null when it was deleted). */
    record Completed(String id, String step, Node node) {
    }

    /** An intent without a result: the call may or may not have happened. */
    record Open(String id, String step, String type) {
    }

    /** What a journal says of one deployment, in the order it happened. */
    record Replay(List<Completed> completed, List<Open> open, long succeeded) {
    }

    /** Reads {@code entries} (a backend's journal) for the deployment {@code deploymentId}. */
    static Replay replay(List<JsonNode> entries, String deploymentId) {
        var completed = new ArrayList<Completed>();
        Map<String, Open> open = new LinkedHashMap<>();
        long succeeded = 0;
        for (JsonNode e : entries) {
            if (!deploymentId.equals(e.path("deployment").asText())) {
                continue;
            }
            String id = e.path("id").asText();
            String step = e.path("step").asText();
            String key = id + "/" + step;
            if ("intent".equals(e.path("event").asText())) {
                open.put(key, new Open(id, step, e.path("type").asText()));
                continue;
            }
            open.remove(key);
            if (!e.path("ok").asBoolean()) {
                continue;
            }
            succeeded++;
            Node node = e.path("node").isObject() ? Json.mapper().convertValue(e.path("node"), Node.class) : null;
            completed.add(new Completed(id, step, node));
        }
        return new Replay(completed, List.copyOf(open.values()), succeeded);
    }
}
