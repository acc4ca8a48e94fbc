package dev.creact.engine.plan;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dependencies the state records for each resource after a deployment, so that deletes and destroys
 * run dependents first even once every reference has become a plain value (as Terraform keeps each
 * resource's dependencies in its state).
 *
 * <p>A resource that is still desired records its edges in the desired CloudDOM (references, {@code
 * dependsOn}, outputs read) plus every edge the state recorded for it before, as long as the resource it
 * points at still exists and keeping the edge does not close a cycle with what the code now says (the
 * code wins: a user who turned an edge around gets the new direction). A resource that is no longer
 * desired (a delete that has not happened yet) keeps what it had. Edges to resources that are gone are
 * dropped.
 */
public final class RecordedEdges {
    private RecordedEdges() {
    }

    /**
     * {@code actual} with every node's {@link Node#dependencies()} set as described above.
     *
     * @param actual   what exists after the deployment (outputs and resolved props)
     * @param desired  what the deployment aimed at
     * @param before   the state the deployment started from
     */
    public static CloudDom record(CloudDom actual, CloudDom desired, CloudDom before) {
        var exists = actual.byId();
        var wanted = DependencyGraph.of(desired);
        var old = DependencyGraph.of(before);
        var desiredIds = new HashSet<>(wanted.ids());
        // Start from the edges the code gives today (acyclic: the desired CloudDOM was validated) and the
        // edges of resources that are no longer desired (they point at nothing desired can reach back).
        var edges = new HashMap<String, Set<String>>();
        for (String id : exists.keySet()) {
            var deps = new TreeSet<String>();
            for (String d : desiredIds.contains(id) ? wanted.dependenciesOf(id) : old.dependenciesOf(id)) {
                if (!d.equals(id) && exists.containsKey(d)) {
                    deps.add(d);
                }
            }
            edges.put(id, deps);
        }
        // Then carry the older edges of desired resources, one at a time, each unless it would close a cycle.
        for (String id : new TreeSet<>(exists.keySet())) {
            if (!desiredIds.contains(id)) {
                continue;
            }
            for (String d : old.dependenciesOf(id)) {
                var deps = edges.get(id);
                if (d.equals(id) || !exists.containsKey(d) || deps.contains(d) || reaches(edges, d, id)) {
                    continue;
                }
                deps.add(d);
            }
        }
        boolean changed = false;
        var present = new HashMap<String, Node>(exists.size() * 2);
        for (var e : exists.entrySet()) {
            Node n = e.getValue();
            List<String> deps = List.copyOf(edges.get(e.getKey()));
            if (!deps.equals(n.dependencies())) {
                n = n.withDependencies(deps);
                changed = true;
            }
            present.put(e.getKey(), n.withChildren(List.of()));
        }
        return changed ? CloudDom.assemble(present, actual, actual) : actual;
    }

    /** Whether {@code to} is reachable from {@code from} along {@code edges}. */
    private static boolean reaches(Map<String, Set<String>> edges, String from, String to) {
        var seen = new HashSet<String>();
        var work = new ArrayDeque<String>();
        work.add(from);
        while (!work.isEmpty()) {
            String v = work.poll();
            if (v.equals(to)) {
                return true;
            }
            if (seen.add(v)) {
                work.addAll(edges.getOrDefault(v, Set.of()));
            }
        }
        return false;
    }
}
