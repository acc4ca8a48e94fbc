package dev.creact.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.SecretRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link SecretRef}s in props: which names a resource uses, the build's check that each exists (a
 * missing one is an error at the resource's {@code file:line}) with its version stamped in, and the one
 * substitution of values, which only the deployer calls just before the provider call.
 */
public final class SecretReferences {
    private SecretReferences() {
    }

    /** A CloudDOM whose references carry their secrets' versions, and what was wrong. */
    public record Checked(CloudDom cloudDom, List<Problem> problems) {
    }

    /** The secret names {@code props} refers to, sorted. */
    public static Set<String> names(JsonNode props) {
        var out = new TreeSet<String>();
        collect(props, out);
        return out;
    }

    private static void collect(JsonNode value, Set<String> out) {
        if (SecretRef.is(value)) {
            out.add(SecretRef.name(value));
        } else if (value != null && value.isContainerNode()) {
            value.forEach(v -> collect(v, out));
        }
    }

    /**
     * Stamps each reference with the secret's version from {@code versions} (the store's, read without the
     * key), and reports names that are not valid or not set. With {@code versions} null (no store to ask: a
     * test run) the CloudDOM is returned as it is.
     */
    public static Checked check(CloudDom dom, Map<String, String> versions, String stack) {
        if (versions == null || dom == null) {
            return new Checked(dom, List.of());
        }
        var problems = new ArrayList<Problem>();
        var resources = dom.resources().stream().map(n -> stamp(n, versions, stack, problems)).toList();
        if (problems.isEmpty() && !anyReference(dom)) {
            return new Checked(dom, List.of());
        }
        var checked = new CloudDom(dom.formatVersion(), dom.stack(), resources, dom.componentState(), dom.stackOutputs());
        return new Checked(checked, problems);
    }

    private static boolean anyReference(CloudDom dom) {
        return dom.allNodes().stream().anyMatch(n -> !names(n.props()).isEmpty());
    }

    private static Node stamp(Node n, Map<String, String> versions, String stack, List<Problem> problems) {
        var kids = n.children().stream().map(k -> stamp(k, versions, stack, problems)).toList();
        ObjectNode props = (ObjectNode) stampValue(n, n.props(), versions, stack, problems, "");
        return new Node(n.id(), n.path(), n.type(), props, kids, n.outputs(), n.state(), n.source(), n.dependencies());
    }

    private static JsonNode stampValue(Node n, JsonNode value, Map<String, String> versions, String stack,
                                       List<Problem> problems, String path) {
        if (SecretRef.is(value)) {
            String name = SecretRef.name(value);
            if (name.startsWith(SecretRef.OUTPUT_PREFIX) && value.has(SecretRef.VERSION)) {
                // A sensitive output read from the deployed state: sealed (and versioned) by the deployer, maybe
                // during this very command, so after the versions were read. The deploy opens it or says why.
                return value;
            }
            String where = path.isEmpty() ? "" : " (prop " + path + ")";
            if (!SecretStore.NAME.matcher(name).matches()) {
                problems.add(Problem.error("invalid-secret-name", (where.isEmpty() ? "a prop" : where.substring(2, where.length() - 1)) + " refers to secret '"
                        + name + "', which is not a valid name", n.source(), n.id(),
                        "secret names are upper-case letters, digits and '_', for example secret(\"API_KEY\")"));
                return value;
            }
            String version = versions.get(name);
            if (version == null) {
                problems.add(Problem.error("missing-secret", (where.isEmpty() ? "a prop" : where.substring(2, where.length() - 1)) + " refers to secret "
                        + name + ", which is not set for stack " + stack, n.source(), n.id(),
                        "set it with `creact secrets set " + name + " --stack " + stack + "` (the value is read from standard input)"));
                return value;
            }
            ObjectNode stamped = JsonNodeFactory.instance.objectNode();
            stamped.put(SecretRef.FIELD, name);
            stamped.put(SecretRef.VERSION, version);
            return stamped;
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), stampValue(n, e.getValue(), versions, stack, problems,
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (JsonNode e : value) {
                copy.add(stampValue(n, e, versions, stack, problems, path + "[" + i++ + "]"));
            }
            return copy;
        }
        return value;
    }

    /** {@code props} with each reference replaced by its value from {@code values} (which holds every name used). */
    public static ObjectNode substitute(ObjectNode props, Map<String, String> values) {
        return (ObjectNode) substituteValue(props, values);
    }

    private static JsonNode substituteValue(JsonNode value, Map<String, String> values) {
        if (SecretRef.is(value)) {
            String v = values.get(SecretRef.name(value));
            if (v == null) {
                throw new SecretsException("secret " + SecretRef.name(value) + " was not resolved");
            }
            return TextNode.valueOf(v);
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), substituteValue(e.getValue(), values)));
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(e -> copy.add(substituteValue(e, values)));
            return copy;
        }
        return value;
    }
}
