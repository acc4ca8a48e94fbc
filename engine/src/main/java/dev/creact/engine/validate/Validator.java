package dev.creact.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.SourceSpan;
import dev.creact.engine.model.Suggestions;
import dev.creact.engine.plan.DependencyGraph;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.render.DeclaredNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a render before anything is planned: duplicate ids, unknown construct types, missing or
 * ill-typed props, references to resources that do not exist, and dependency cycles. Each problem names
 * the file, line and column and the resource.
 */
public final class Validator {
    /** Props every construct accepts. */
    public static final Set<String> UNIVERSAL_PROPS = Set.of("dependsOn", "import");

    private Validator() {
    }

    /** Problems with the declarations themselves (before the tree is built). */
    public static List<Problem> checkDeclarations(List<DeclaredNode> nodes, Map<String, ConstructSchema> constructs) {
        var problems = new ArrayList<Problem>();
        var firstById = new HashMap<String, DeclaredNode>();
        for (DeclaredNode n : nodes) {
            var first = firstById.putIfAbsent(n.id(), n);
            if (first != null) {
                var related = first.source() == null ? List.<SourceSpan>of() : List.of(first.source());
                problems.add(Problem.error("duplicate-id",
                        "the id is declared twice: first" + where(first.source()) + ", again" + where(n.source()),
                        n.source(), n.id(),
                        "give one of them a distinct `key` prop (ids are the component path plus the key or the construct name)")
                        .withRelated(related));
            }
            var schema = constructs.get(n.type());
            if (schema == null) {
                problems.add(Problem.error("unknown-construct-type",
                        "unknown construct type '" + n.type() + "'" + Suggestions.didYouMean(n.type(), constructs.keySet()),
                        n.source(), n.id(),
                        "import a construct from a creact module (creact/local, creact/mock) or declare it with defineConstruct"));
                continue;
            }
            checkProps(n, schema, problems);
        }
        return problems;
    }

    private static void checkProps(DeclaredNode n, ConstructSchema schema, List<Problem> problems) {
        schema.props().forEach((name, spec) -> {
            JsonNode value = n.props().get(name);
            if (value == null || value.isNull()) {
                if (spec.required()) {
                    problems.add(Problem.error("missing-prop",
                            "required prop '" + name + "' (" + spec.type() + ") of " + n.type() + " is missing",
                            n.source(), n.id(), "add " + name + "={...} to the declaration"));
                }
                return;
            }
            if (spec.sensitive() && value.isTextual() && !isWholeReference(value.asText())) {
                problems.add(Problem.warning("plain-sensitive-prop",
                        "prop '" + name + "' of " + n.type() + " is sensitive but written as plain text: it would be kept "
                                + "in the state, plans and journal", n.source(), n.id(),
                        "store it with `creact secrets set NAME` and pass secret(\"NAME\")"));
            }
            if (!matches(value, spec.type())) {
                problems.add(Problem.error("invalid-prop-type",
                        "prop '" + name + "' of " + n.type() + " must be " + spec.type() + ", but is " + describe(value),
                        n.source(), n.id(), null));
            }
        });
        JsonNode dependsOn = n.props().get("dependsOn");
        if (dependsOn != null && !(dependsOn.isTextual() || dependsOn.isArray() && allText(dependsOn))) {
            problems.add(Problem.error("invalid-prop-type",
                    "prop 'dependsOn' must list resources (handles from useInstance, or id strings), but is " + describe(dependsOn),
                    n.source(), n.id(), null));
        }
        if (!schema.additionalProps()) {
            n.props().properties().forEach(e -> {
                String name = e.getKey();
                if (!schema.props().containsKey(name) && !UNIVERSAL_PROPS.contains(name)) {
                    problems.add(Problem.error("unknown-prop",
                            n.type() + " has no prop '" + name + "'" + Suggestions.didYouMean(name, schema.props().keySet()),
                            n.source(), n.id(), "its props are " + String.join(", ", schema.props().keySet().stream().sorted().toList())));
                }
            });
        }
    }

    /** Problems that need the whole tree: references to missing resources, and cycles. */
    public static List<Problem> checkGraph(CloudDom dom) {
        var problems = new ArrayList<Problem>();
        var graph = DependencyGraph.of(dom);
        var byId = dom.byId();
        graph.dangling().forEach((id, missing) -> {
            Node n = byId.get(id);
            for (String m : missing) {
                problems.add(Problem.error("unknown-reference",
                        "refers to resource '" + m + "', which does not exist", n == null ? null : n.source(), id,
                        "the resource was removed or renamed; update the reference or dependsOn"));
            }
        });
        for (List<String> cycle : graph.cycles()) {
            var related = new ArrayList<SourceSpan>();
            for (String id : cycle) {
                Node n = byId.get(id);
                if (n != null && n.source() != null) {
                    related.add(n.source());
                }
            }
            String ring = String.join(" -> ", cycle) + " -> " + cycle.getFirst();
            Node first = byId.get(cycle.getFirst());
            problems.add(Problem.error("dependency-cycle",
                    "dependency cycle: " + ring, first == null ? null : first.source(), cycle.getFirst(),
                    "break the cycle: one of these resources must not reference (or dependsOn) the next")
                    .withRelated(related));
        }
        return problems;
    }

    static boolean matches(JsonNode value, String type) {
        if (value.isTextual() && isWholeReference(value.asText())) {
            return true; // an output not known yet: its type is checked when it is known
        }
        if (dev.creact.engine.model.SecretRef.is(value) && type.contains("string")) {
            return true; // a secret is a string, read just before the provider call
        }
        for (String t : type.split("\\|")) {
            boolean ok = switch (t.strip()) {
                case "string" -> value.isTextual();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                default -> true;
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWholeReference(String text) {
        var refs = OutputRef.findIn(text);
        return refs.size() == 1 && refs.getFirst().token().equals(text);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number (" + value + ")";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value + ")";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return value.getNodeType().toString().toLowerCase();
    }

    private static String where(SourceSpan span) {
        return span == null ? "" : " at " + span;
    }

    /**
     * Values that only one resource may have across the project's stacks ({@code exclusive} props, such as a
     * local file's path): one this stack declares that another stack's state already has is an error that
     * names both. String values are compared as paths resolved against the project root.
     */
    public static List<Problem> checkExclusive(CloudDom dom, Map<String, ConstructSchema> constructs,
                                               java.nio.file.Path projectRoot, Map<String, CloudDom> otherStacks) {
        if (otherStacks.isEmpty()) {
            return List.of();
        }
        var exclusive = new HashMap<String, List<String>>();
        constructs.forEach((type, schema) -> schema.props().forEach((prop, spec) -> {
            if (spec.exclusive()) {
                exclusive.computeIfAbsent(type, t -> new ArrayList<>()).add(prop);
            }
        }));
        if (exclusive.isEmpty()) {
            return List.of();
        }
        var claimed = new HashMap<String, String>();
        otherStacks.forEach((stack, other) -> {
            for (Node n : other.allNodes()) {
                for (String prop : exclusive.getOrDefault(n.type(), List.of())) {
                    JsonNode v = n.props().get(prop);
                    if (v != null && !v.isNull()) {
                        claimed.putIfAbsent(claimKey(n.type(), prop, v, projectRoot), "stack '" + stack + "' (" + n.id() + ")");
                    }
                }
            }
        });
        var problems = new ArrayList<Problem>();
        for (Node n : dom.allNodes()) {
            for (String prop : exclusive.getOrDefault(n.type(), List.of())) {
                JsonNode v = n.props().get(prop);
                if (v == null || v.isNull() || (v.isTextual() && !OutputRef.findIn(v.asText()).isEmpty())) {
                    continue;
                }
                String owner = claimed.get(claimKey(n.type(), prop, v, projectRoot));
                if (owner != null) {
                    problems.add(Problem.error("managed-by-another-stack", n.type() + " " + prop + " " + v
                                    + " is already managed by " + owner + "; two stacks must not manage the same one",
                            n.source(), n.id(), "use a different " + prop + " in this stack (for example one that includes "
                                    + "the stack's name), or remove it from the other stack first"));
                }
            }
        }
        return problems;
    }

    private static String claimKey(String type, String prop, JsonNode value, java.nio.file.Path root) {
        String text = value.isTextual() ? value.asText() : value.toString();
        if (value.isTextual()) {
            try {
                text = root.resolve(text).normalize().toString();
            } catch (java.nio.file.InvalidPathException e) {
                // not a path: compared as it is
            }
        }
        return type + "\u0000" + prop + "\u0000" + text;
    }
}
