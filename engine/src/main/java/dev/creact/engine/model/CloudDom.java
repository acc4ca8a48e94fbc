package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rendered resource tree of one stack, plus the persisted {@code useState} values of its components.
 *
 * <p>Immutable. {@link #byId()} is an index built once, so lookups during planning are O(1).
 *
 * @param formatVersion  version of this serialised form
 * @param stack          stack name
 * @param resources      the root resources, in declaration order
 * @param componentState {@code useState} values by component path ("" is the root component), by hook index
 * @param stackOutputs   the stack's outputs, declared with {@code useStackOutputs}: references in a render,
 *                       values in the state once the resources they read are deployed (omitted when empty)
 */
public record CloudDom(int formatVersion, String stack, List<Node> resources,
                       Map<String, List<JsonNode>> componentState,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                       com.fasterxml.jackson.databind.node.ObjectNode stackOutputs) {

    public static final int FORMAT_VERSION = 1;

    public CloudDom(int formatVersion, String stack, List<Node> resources, Map<String, List<JsonNode>> componentState) {
        this(formatVersion, stack, resources, componentState, null);
    }

    public CloudDom {
        stackOutputs = stackOutputs == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : stackOutputs.deepCopy();
        Objects.requireNonNull(stack, "stack");
        resources = List.copyOf(resources == null ? List.of() : resources);
        var copy = new TreeMap<String, List<JsonNode>>();
        if (componentState != null) {
            componentState.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(
                    new ArrayList<>(v.stream().map(n -> (JsonNode) n.deepCopy()).toList()))));
        }
        componentState = Collections.unmodifiableMap(copy);
    }

    public static CloudDom empty(String stack) {
        return new CloudDom(FORMAT_VERSION, stack, List.of(), Map.of());
    }

    /** Every node, parents before children, in declaration order. */
    @JsonIgnore
    public List<Node> allNodes() {
        var out = new ArrayList<Node>();
        collect(resources, out);
        return out;
    }

    private static void collect(List<Node> nodes, List<Node> out) {
        for (var n : nodes) {
            out.add(n);
            collect(n.children(), out);
        }
    }

    /** The same CloudDOM with other stack outputs. */
    public CloudDom withStackOutputs(com.fasterxml.jackson.databind.node.ObjectNode outputs) {
        return new CloudDom(formatVersion, stack, resources, componentState, outputs);
    }

    /** The same CloudDOM with other component state. */
    public CloudDom withComponentState(Map<String, List<JsonNode>> state) {
        return new CloudDom(formatVersion, stack, resources, state, stackOutputs);
    }

    /** Nodes by id (ids are unique in a validated CloudDOM). */
    @JsonIgnore
    public Map<String, Node> byId() {
        var map = new LinkedHashMap<String, Node>();
        for (var n : allNodes()) {
            map.putIfAbsent(n.id(), n);
        }
        return map;
    }

    @JsonIgnore
    public int size() {
        return allNodes().size();
    }

    /**
     * Puts a tree back together from a set of nodes (children ignored): the ones {@code shape} declares in
     * its shape and order, the rest where they were in {@code fallback}; a node whose parent is absent
     * becomes a root. Stack and component state come from {@code shape}.
     */
    public static CloudDom assemble(Map<String, Node> present, CloudDom shape, CloudDom fallback) {
        var parent = new java.util.HashMap<String, String>();
        var fallbackOrder = new ArrayList<String>();
        walk(fallback.resources(), null, parent, fallbackOrder, new java.util.HashSet<>(), false);
        var order = new ArrayList<String>();
        var seen = new java.util.HashSet<String>();
        walk(shape.resources(), null, parent, order, seen, true);
        for (String id : fallbackOrder) {
            if (seen.add(id)) {
                order.add(id);
            }
        }
        var kept = new LinkedHashMap<String, Node>();
        for (String id : order) {
            Node n = present.get(id);
            if (n != null) {
                kept.put(id, n);
            }
        }
        var children = new java.util.HashMap<String, List<String>>();
        var roots = new ArrayList<String>();
        for (String id : kept.keySet()) {
            String p = parent.get(id);
            if (p != null && kept.containsKey(p)) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
            } else {
                roots.add(id);
            }
        }
        var built = new java.util.HashMap<String, Node>();
        var reversed = new ArrayList<>(kept.keySet());
        Collections.reverse(reversed);
        // Children come after parents in a depth-first order, so building in reverse has them ready.
        for (String id : reversed) {
            var kids = children.getOrDefault(id, List.of()).stream().map(built::get).toList();
            built.put(id, kept.get(id).withChildren(kids));
        }
        return new CloudDom(FORMAT_VERSION, shape.stack(), roots.stream().map(built::get).toList(), shape.componentState(),
                shape.stackOutputs());
    }

    private static void walk(List<Node> list, String p, Map<String, String> parent, List<String> order,
                             java.util.Set<String> seen, boolean override) {
        for (Node n : list) {
            if (p != null) {
                parent.put(n.id(), p);
            } else if (override) {
                parent.remove(n.id());
            }
            if (seen.add(n.id())) {
                order.add(n.id());
            }
            walk(n.children(), n.id(), parent, order, seen, override);
        }
    }
}
