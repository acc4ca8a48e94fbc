package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.OutputRef;

import java.util.Map;
import java.util.function.Function;

/**
 * Substitutes output references in props just before a provider call: a prop that is exactly one
 * reference takes the output's value as it is (any JSON type); references inside longer strings are
 * replaced by the value's text.
 */
final class PropResolver {
    private PropResolver() {
    }

    /** A reference that cannot be resolved: the resource or output does not exist. */
    static final class UnresolvedReferenceException extends Exception {
        UnresolvedReferenceException(String message) {
            super(message);
        }
    }

    static ObjectNode resolve(String id, ObjectNode props, Function<String, Node> deployed) throws UnresolvedReferenceException {
        return (ObjectNode) resolveValue(id, props, deployed);
    }

    private static JsonNode resolveValue(String id, JsonNode value, Function<String, Node> deployed)
            throws UnresolvedReferenceException {
        if (value.isTextual()) {
            String text = value.asText();
            var refs = OutputRef.findIn(text);
            if (refs.isEmpty()) {
                return value;
            }
            if (refs.size() == 1 && refs.getFirst().token().equals(text)) {
                return output(id, refs.getFirst(), deployed);
            }
            String out = text;
            for (var ref : refs) {
                JsonNode v = output(id, ref, deployed);
                if (dev.creact.engine.model.SecretRef.is(v)) {
                    // A sensitive output lives in the encrypted store; only a whole prop can carry its reference.
                    throw new UnresolvedReferenceException("resource '" + id + "' uses output '" + ref.output() + "' of '"
                            + ref.resourceId() + "' inside a longer string, but that output is sensitive: pass it as a "
                            + "whole prop (" + ref.token() + " on its own) so only the provider call sees its value");
                }
                out = out.replace(ref.token(), v.isTextual() ? v.asText() : v.toString());
            }
            return TextNode.valueOf(out);
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                copy.set(e.getKey(), resolveValue(id, e.getValue(), deployed));
            }
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : value) {
                copy.add(resolveValue(id, e, deployed));
            }
            return copy;
        }
        return value;
    }

    private static JsonNode output(String id, OutputRef ref, Function<String, Node> deployed) throws UnresolvedReferenceException {
        Node target = deployed.apply(ref.resourceId());
        if (target == null) {
            throw new UnresolvedReferenceException("resource '" + id + "' refers to an output of '" + ref.resourceId()
                    + "', which is not deployed");
        }
        JsonNode v = target.outputs().get(ref.output());
        if (v == null) {
            throw new UnresolvedReferenceException("resource '" + id + "' refers to output '" + ref.output() + "' of '"
                    + ref.resourceId() + "', which has no such output (its outputs: "
                    + String.join(", ", iterable(target.outputs())) + ")");
        }
        return v;
    }

    private static java.util.List<String> iterable(ObjectNode o) {
        var names = new java.util.ArrayList<String>();
        o.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    /**
     * The stack's outputs with every reference whose resource exists resolved; an output whose resource is
     * not there (its create failed) keeps its reference, so the next deploy fills it in.
     */
    static ObjectNode resolveStackOutputs(ObjectNode outputs, Function<String, Node> deployed) {
        ObjectNode out = outputs.objectNode();
        for (String name : iterable(outputs)) {
            ObjectNode one = outputs.objectNode();
            one.set(name, outputs.get(name));
            try {
                out.set(name, resolve("stack output '" + name + "'", one, deployed).get(name));
            } catch (UnresolvedReferenceException e) {
                out.set(name, outputs.get(name));
            }
        }
        return out;
    }
}
