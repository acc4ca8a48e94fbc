package dev.creact.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.PlanDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Says how a render differs from its snapshot in the terms of the render: which resources are new or gone,
 * and which props of which resource changed, with both values.
 */
final class SnapshotDiff {
    private static final int SHOWN = 5;

    private SnapshotDiff() {
    }

    static String describe(JsonNode before, JsonNode after) {
        if (!before.path("resources").isArray() || !after.path("resources").isArray()) {
            return "the snapshot has " + PlanDocument.display(before) + ", now " + PlanDocument.display(after);
        }
        Map<String, JsonNode> was = byId(before.path("resources"));
        Map<String, JsonNode> now = byId(after.path("resources"));
        var parts = new ArrayList<String>();
        for (String id : now.keySet()) {
            if (!was.containsKey(id)) {
                parts.add(id + " is new (" + now.get(id).path("type").asText() + ")");
            }
        }
        for (String id : was.keySet()) {
            if (!now.containsKey(id)) {
                parts.add(id + " is no longer rendered");
            }
        }
        for (var e : now.entrySet()) {
            JsonNode old = was.get(e.getKey());
            if (old == null) {
                continue;
            }
            if (!old.path("type").equals(e.getValue().path("type"))) {
                parts.add(e.getKey() + " type: snapshot " + old.path("type").asText() + ", now " + e.getValue().path("type").asText());
            }
            var names = new TreeSet<String>();
            old.path("props").fieldNames().forEachRemaining(names::add);
            e.getValue().path("props").fieldNames().forEachRemaining(names::add);
            for (String prop : names) {
                JsonNode a = old.path("props").get(prop);
                JsonNode b = e.getValue().path("props").get(prop);
                if (a == null ? b != null : !a.equals(b)) {
                    parts.add(e.getKey() + " prop " + prop + ": snapshot " + PlanDocument.display(a) + ", now "
                            + PlanDocument.display(b));
                }
            }
        }
        if (!before.path("stackOutputs").equals(after.path("stackOutputs"))) {
            parts.add("stack outputs: snapshot " + PlanDocument.display(before.path("stackOutputs")) + ", now "
                    + PlanDocument.display(after.path("stackOutputs")));
        }
        if (parts.isEmpty()) {
            return "the order of the resources changed";
        }
        List<String> shown = parts.size() > SHOWN ? parts.subList(0, SHOWN) : parts;
        return String.join("; ", shown) + (parts.size() > SHOWN ? "; and " + (parts.size() - SHOWN) + " more" : "");
    }

    private static Map<String, JsonNode> byId(JsonNode resources) {
        var out = new LinkedHashMap<String, JsonNode>();
        resources.forEach(r -> out.put(r.path("id").asText(), r));
        return out;
    }
}
