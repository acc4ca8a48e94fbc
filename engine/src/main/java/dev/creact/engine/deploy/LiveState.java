package dev.creact.engine.deploy;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources as they exist while a deployment runs: starts as the deployed CloudDOM and takes each
 * completed operation. Thread-safe; {@link #toCloudDom} puts the tree back together, desired resources
 * in the desired shape and order, the rest where they were (see {@link CloudDom#assemble}).
 */
final class LiveState {
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();

    LiveState(CloudDom deployed) {
        walk(deployed.resources(), null);
    }

    private void walk(List<Node> list, String parent) {
        for (Node n : list) {
            nodes.put(n.id(), n.withChildren(List.of()));
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
        return CloudDom.assemble(nodes, desired, deployed);
    }
}
