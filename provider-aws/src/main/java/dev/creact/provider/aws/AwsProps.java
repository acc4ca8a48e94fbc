package dev.creact.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed access to a request's props. Rendering checks props against the construct's schema, but a provider
 * can also be called by tests, benchmarks or with a hand-edited state, so a wrong prop still gets an error
 * naming the resource and the prop.
 */
final class AwsProps {
    private AwsProps() {
    }

    static String required(ResourceRequest request, String name) throws ProviderException {
        String value = string(request, name);
        if (value == null) {
            throw ProviderException.permanent("%s (%s): prop '%s' is required".formatted(request.id(), request.type(), name));
        }
        return value;
    }

    static String string(ResourceRequest request, String name) throws ProviderException {
        JsonNode value = request.props().get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrong(request, name, "a string", value);
        }
        return value.asText();
    }

    static boolean bool(ResourceRequest request, String name) throws ProviderException {
        JsonNode value = request.props().get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrong(request, name, "true or false", value);
        }
        return value.asBoolean();
    }

    /** A whole number prop within [min, max], or null when absent. */
    static Integer whole(ResourceRequest request, String name, int min, int max) throws ProviderException {
        JsonNode value = request.props().get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() != Math.rint(value.asDouble()) || value.asDouble() < min || value.asDouble() > max) {
            throw wrong(request, name, "a whole number from " + min + " to " + max, value);
        }
        return value.asInt();
    }

    /** An object prop of string values (tags, environment, attributes), empty when absent. */
    static Map<String, String> strings(ResourceRequest request, String name) throws ProviderException {
        JsonNode value = request.props().get(name);
        var map = new LinkedHashMap<String, String>();
        if (value == null || value.isNull()) {
            return map;
        }
        if (!value.isObject()) {
            throw wrong(request, name, "an object of strings", value);
        }
        for (var e : value.properties()) {
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw ProviderException.permanent("%s (%s): prop '%s.%s' must be a string, number or boolean"
                        .formatted(request.id(), request.type(), name, e.getKey()));
            }
            map.put(e.getKey(), v.asText());
        }
        return map;
    }

    private static ProviderException wrong(ResourceRequest request, String name, String what, JsonNode value) {
        return ProviderException.permanent("%s (%s): prop '%s' must be %s, got %s"
                .formatted(request.id(), request.type(), name, what, value));
    }
}
