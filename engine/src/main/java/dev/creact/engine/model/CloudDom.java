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
 */
public record CloudDom(int formatVersion, String stack, List<Node> resources,
                       Map<String, List<JsonNode>> componentState) {

    public static final int FORMAT_VERSION = 1;

    public CloudDom {
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
}
