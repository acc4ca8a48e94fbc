package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.model.SecretRef;
import dev.creact.engine.model.SensitiveOutputs;

/**
 * What sync clients see of outputs: a sensitive output is kept in the state as a reference to the encrypted
 * store (never its value), and is shown as {@value SensitiveOutputs#MASK} rather than as that reference.
 */
public final class SensitiveOutputRedaction implements OutputRedaction {
    public static final SensitiveOutputRedaction INSTANCE = new SensitiveOutputRedaction();

    private SensitiveOutputRedaction() {
    }

    @Override
    public ObjectNode resourceOutputs(String stack, String resourceId, String type, ObjectNode outputs) {
        return masked(outputs);
    }

    @Override
    public ObjectNode stackOutputs(String stack, ObjectNode outputs) {
        return masked(outputs);
    }

    private static ObjectNode masked(ObjectNode outputs) {
        if (outputs == null || !anyReference(outputs)) {
            return outputs;
        }
        return (ObjectNode) mask(outputs);
    }

    private static boolean anyReference(JsonNode value) {
        if (SecretRef.is(value)) {
            return true;
        }
        for (JsonNode v : value) {
            if (anyReference(v)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode mask(JsonNode value) {
        if (SecretRef.is(value)) {
            return TextNode.valueOf(SensitiveOutputs.MASK);
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), mask(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            var copy = ((com.fasterxml.jackson.databind.node.ArrayNode) value).arrayNode();
            value.forEach(v -> copy.add(mask(v)));
            return copy;
        }
        return value;
    }
}
