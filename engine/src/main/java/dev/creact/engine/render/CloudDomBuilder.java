package dev.creact.engine.render;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the immutable CloudDOM tree from the declared resources: each under its parent resource, in
 * declaration order, with the outputs and provider state the previous deploy left for the same id and
 * construct type. A repeated id (already reported by validation) keeps its first declaration.
 */
public final class CloudDomBuilder {
    private CloudDomBuilder() {
    }

    public static CloudDom build(String stack, RenderResult render, CloudDom previous) {
        var previousById = previous.byId();
        var declared = new LinkedHashMap<String, DeclaredNode>();
        for (DeclaredNode n : render.nodes()) {
            declared.putIfAbsent(n.id(), n);
        }
        var children = new HashMap<String, List<String>>();
        var roots = new ArrayList<String>();
        for (DeclaredNode n : declared.values()) {
            if (n.parentId() != null && declared.containsKey(n.parentId())) {
                children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n.id());
            } else {
                roots.add(n.id());
            }
        }
        Map<String, Node> built = new HashMap<>();
        // Children are declared after their parents, so building in reverse order has them ready.
        var order = new ArrayList<>(declared.values());
        for (int i = order.size() - 1; i >= 0; i--) {
            DeclaredNode n = order.get(i);
            var kids = children.getOrDefault(n.id(), List.of()).stream().map(built::get).toList();
            Node before = previousById.get(n.id());
            boolean same = before != null && before.type().equals(n.type());
            built.put(n.id(), new Node(n.id(), n.path(), n.type(), n.props(), kids,
                    same ? before.outputs() : null, same ? before.state() : null, n.source(), n.reads()));
        }
        return new CloudDom(CloudDom.FORMAT_VERSION, stack, roots.stream().map(built::get).toList(),
                render.componentState(), render.stackOutputs());
    }
}
