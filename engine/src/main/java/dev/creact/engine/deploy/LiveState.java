package dev.creact.engine.deploy;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources as they exist while a deployment runs: starts as the deployed CloudDOM and takes each
 * completed operation. Thread-safe; {@link #toCloudDom} puts the tree back together, desired resources
 * in the desired shape and order, the rest where they were.
 */
final class LiveState {
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, String> deployedParent = new HashMap<>();
    private final List<String> deployedOrder = new ArrayList<>();

    LiveState(CloudDom deployed) {
        walk(deployed.resources(), null);
    }

    private void walk(List<Node> list, String parent) {
        for (Node n : list) {
            nodes.put(n.id(), n.withChildren(List.of()));
            deployedOrder.add(n.id());
            if (parent != null) {
                deployedParent.put(n.id(), parent);
            }
            walk(n.children(), n.id());
        }
    }

    Node get(String id) {
        return nodes.get(id);
    }

    void put(Node node) {
        nodes.put(node.id(), node.withChildren(List.of()));
    }

    void remove(String id) {
        nodes.remove(id);
    }

    boolean contains(String id) {
        return nodes.containsKey(id);
    }

    CloudDom toCloudDom(CloudDom desired, CloudDom deployed) {
        var parent = new HashMap<String, String>(deployedParent);
        var order = new ArrayList<String>();
        var seen = new java.util.HashSet<String>();
        walkDesired(desired.resources(), null, parent, order, seen);
        for (String id : deployedOrder) {
            if (seen.add(id)) {
                order.add(id);
            }
        }
        var present = new LinkedHashMap<String, Node>();
        for (String id : order) {
            Node n = nodes.get(id);
            if (n != null) {
                present.put(id, n);
            }
        }
        var children = new HashMap<String, List<String>>();
        var roots = new ArrayList<String>();
        for (String id : present.keySet()) {
            String p = parent.get(id);
            if (p != null && present.containsKey(p)) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
            } else {
                roots.add(id);
            }
        }
        var built = new HashMap<String, Node>();
        var reversed = new ArrayList<>(present.keySet());
        java.util.Collections.reverse(reversed);
        // Children come after parents in a depth-first order, so building in reverse has them ready.
        for (String id : reversed) {
            var kids = children.getOrDefault(id, List.of()).stream().map(built::get).toList();
            built.put(id, present.get(id).withChildren(kids));
        }
        return new CloudDom(CloudDom.FORMAT_VERSION, desired.stack(), roots.stream().map(built::get).toList(),
                desired.componentState());
    }

    private static void walkDesired(List<Node> list, String p, Map<String, String> parent, List<String> order,
                                    java.util.Set<String> seen) {
        for (Node n : list) {
            if (p != null) {
                parent.put(n.id(), p);
            } else {
                parent.remove(n.id());
            }
            if (seen.add(n.id())) {
                order.add(n.id());
            }
            walkDesired(n.children(), n.id(), parent, order, seen);
        }
    }
}
