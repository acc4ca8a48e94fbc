package dev.creact.engine.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random CloudDOMs and random edits of them, for property tests (seeded, so every failure replays). */
final class Trees {
    private Trees() {
    }

    static Node node(String id, String type, ObjectNode props, List<Node> children) {
        return new Node(id, List.of(), type, props, children, null, null, null);
    }

    static ObjectNode props(Object... kv) {
        var o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], JsonNodeFactory.instance.pojoNode(kv[i + 1]).isPojo()
                    ? dev.creact.engine.model.Json.tree(kv[i + 1]) : null);
        }
        return o;
    }

    /** A flat description of a tree: id to (type, props, parent). */
    record Flat(String type, ObjectNode props, String parent) {
    }

    static Map<String, Flat> flatten(CloudDom dom) {
        var out = new HashMap<String, Flat>();
        walk(dom.resources(), null, out);
        return out;
    }

    private static void walk(List<Node> nodes, String parent, Map<String, Flat> out) {
        for (Node n : nodes) {
            out.put(n.id(), new Flat(n.type(), n.props(), parent));
            walk(n.children(), n.id(), out);
        }
    }

    static CloudDom build(Map<String, Flat> flat, List<String> declarationOrder) {
        var children = new HashMap<String, List<String>>();
        var roots = new ArrayList<String>();
        for (String id : declarationOrder) {
            String p = flat.get(id).parent();
            if (p == null || !flat.containsKey(p)) {
                roots.add(id);
            } else {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
            }
        }
        return new CloudDom(1, "dev", roots.stream().map(id -> make(id, flat, children)).toList(), Map.of());
    }

    private static Node make(String id, Map<String, Flat> flat, Map<String, List<String>> children) {
        var f = flat.get(id);
        var kids = children.getOrDefault(id, List.of()).stream().map(c -> make(c, flat, children)).toList();
        return node(id, f.type(), f.props(), kids);
    }

    /**
     * A random acyclic CloudDOM of {@code n} nodes: node i may depend on earlier nodes through
     * {@code dependsOn} or an output reference, and may nest under an earlier node.
     */
    static Map<String, Flat> randomFlat(Random r, int n, String prefix) {
        var flat = new HashMap<String, Flat>();
        var ids = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            var props = JsonNodeFactory.instance.objectNode();
            props.put("size", r.nextInt(5));
            if (r.nextBoolean()) {
                props.putObject("tags").put("env", r.nextBoolean() ? "prod" : "dev");
            }
            if (!ids.isEmpty() && r.nextInt(3) == 0) {
                props.putArray("dependsOn").add(ids.get(r.nextInt(ids.size())));
            }
            if (!ids.isEmpty() && r.nextInt(4) == 0) {
                props.put("ref", "${ref:" + ids.get(r.nextInt(ids.size())) + "#id}");
            }
            String parent = !ids.isEmpty() && r.nextInt(3) == 0 ? ids.get(r.nextInt(ids.size())) : null;
            flat.put(id, new Flat(r.nextInt(4) == 0 ? "mock:Other" : "mock:Resource", props, parent));
            ids.add(id);
        }
        return flat;
    }

    /** Random edits: delete some nodes, change props of some, change the type of some, add some. */
    static Map<String, Flat> mutate(Random r, Map<String, Flat> before) {
        var after = new HashMap<String, Flat>();
        var ids = new ArrayList<>(before.keySet());
        Collections.sort(ids);
        for (String id : ids) {
            var f = before.get(id);
            int dice = r.nextInt(10);
            if (dice == 0) {
                continue; // deleted
            }
            ObjectNode props = f.props().deepCopy();
            String type = f.type();
            if (dice == 1) {
                props.put("size", props.path("size").asInt() + 1);
            } else if (dice == 2) {
                props.putObject("tags").put("env", "changed");
            } else if (dice == 3) {
                type = type.equals("mock:Resource") ? "mock:Other" : "mock:Resource";
            } else if (dice == 4) {
                props.put("name", "renamed-" + id);
            }
            after.put(id, new Flat(type, props, f.parent()));
        }
        // Dependencies on deleted nodes would be dangling: drop them.
        for (var e : after.entrySet()) {
            var props = e.getValue().props();
            if (props.has("dependsOn") && !after.containsKey(props.get("dependsOn").get(0).asText())) {
                props.remove("dependsOn");
            }
            if (props.has("ref")) {
                String target = props.get("ref").asText().replaceAll("^\\$\\{ref:([^#]+)#.*$", "$1");
                if (!after.containsKey(target)) {
                    props.remove("ref");
                }
            }
        }
        int added = r.nextInt(4);
        for (int i = 0; i < added; i++) {
            var props = JsonNodeFactory.instance.objectNode().put("size", i);
            after.put("new" + i, new Flat("mock:Resource", props, null));
        }
        return after;
    }

    static List<String> sortedIds(Map<String, Flat> flat) {
        var ids = new ArrayList<>(flat.keySet());
        ids.sort(java.util.Comparator.comparingInt(Trees::number).thenComparing(java.util.Comparator.naturalOrder()));
        return ids;
    }

    private static int number(String id) {
        String digits = id.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.substring(0, Math.min(digits.length(), 8)));
    }
}
