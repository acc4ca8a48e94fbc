package dev.creact.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Edits of a deployed CloudDOM that no provider takes part in, as Terraform's {@code state rm} and
 * {@code state mv}: forgetting resources (they stay where they are, creact stops managing them) and
 * renaming one (so a renamed component or key does not replace what it names).
 */
public final class StateSurgery {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    private StateSurgery() {
    }

    /** {@code state} without {@code ids}; edges to them are dropped. Unknown ids are problems. */
    public static CloudDom forget(CloudDom state, Set<String> ids, List<Problem> problems) {
        var byId = state.byId();
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                problems.add(Problem.error("unknown-resource", "no resource '" + id + "' in the state of stack '"
                        + state.stack() + "'" + Suggestions.didYouMean(id, byId.keySet()), null, id,
                        "`creact state list` shows the resources the state holds"));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        var kept = new LinkedHashMap<String, Node>();
        for (var e : byId.entrySet()) {
            if (ids.contains(e.getKey())) {
                continue;
            }
            Node n = e.getValue();
            var deps = n.dependencies().stream().filter(d -> !ids.contains(d)).toList();
            kept.put(e.getKey(), (deps.size() == n.dependencies().size() ? n : n.withDependencies(deps)).withChildren(List.of()));
        }
        return CloudDom.assemble(kept, state, state);
    }

    /**
     * {@code state} with the resource {@code from} known as {@code to}, with its outputs and provider data,
     * and every recorded edge and {@code dependsOn} that named it renamed too.
     */
    public static CloudDom move(CloudDom state, String from, String to, List<Problem> problems) {
        var byId = state.byId();
        if (!byId.containsKey(from)) {
            problems.add(Problem.error("unknown-resource", "no resource '" + from + "' in the state of stack '"
                    + state.stack() + "'" + Suggestions.didYouMean(from, byId.keySet()), null, from,
                    "`creact state list` shows the resources the state holds"));
        }
        if (!ID.matcher(to).matches()) {
            problems.add(Problem.error("invalid-id", "'" + to + "' is not a resource id: ids are kebab-case segments "
                    + "joined by '.', such as site.index", null, to, null));
        }
        if (byId.containsKey(to)) {
            problems.add(Problem.error("id-taken", "the state already has a resource '" + to + "'", null, to,
                    "`creact state rm " + to + "` first if it is the one to drop"));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        var present = new LinkedHashMap<String, Node>();
        for (var e : byId.entrySet()) {
            Node n = e.getValue().withChildren(List.of());
            var deps = n.dependencies().stream().map(d -> d.equals(from) ? to : d).toList();
            ObjectNode props = renamedDependsOn(n.props(), from, to);
            if (e.getKey().equals(from)) {
                var segments = List.of(to.split("\\."));
                n = new Node(to, segments.subList(0, segments.size() - 1), n.type(), props, List.of(), n.outputs(), n.state(),
                        n.source(), deps);
                present.put(to, n);
            } else {
                present.put(e.getKey(), new Node(n.id(), n.path(), n.type(), props, List.of(), n.outputs(), n.state(),
                        n.source(), deps));
            }
        }
        // The renamed node keeps its place: a shape in which it already has the new id.
        var shape = CloudDom.assemble(present, rename(state, from, to), state);
        return shape;
    }

    private static ObjectNode renamedDependsOn(ObjectNode props, String from, String to) {
        JsonNode dependsOn = props.get("dependsOn");
        if (dependsOn == null) {
            return props;
        }
        ObjectNode copy = props.deepCopy();
        if (dependsOn.isTextual() && dependsOn.asText().equals(from)) {
            copy.put("dependsOn", to);
        } else if (dependsOn.isArray()) {
            ArrayNode list = copy.putArray("dependsOn");
            dependsOn.forEach(d -> list.add(d.isTextual() && d.asText().equals(from) ? list.textNode(to) : d));
        }
        return copy;
    }

    /** The tree of {@code state} with one id changed, for its shape only. */
    private static CloudDom rename(CloudDom state, String from, String to) {
        return new CloudDom(state.formatVersion(), state.stack(), renameAll(state.resources(), from, to),
                state.componentState(), state.stackOutputs());
    }

    private static List<Node> renameAll(List<Node> nodes, String from, String to) {
        var out = new ArrayList<Node>(nodes.size());
        for (Node n : nodes) {
            var kids = renameAll(n.children(), from, to);
            out.add(new Node(n.id().equals(from) ? to : n.id(), n.path(), n.type(), n.props(), kids, n.outputs(), n.state(),
                    n.source(), n.dependencies()));
        }
        return out;
    }
}
