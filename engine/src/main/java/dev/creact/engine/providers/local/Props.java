package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

/**
 * Typed access to a request's props. The render step checks props against the construct schema, but a
 * provider can also be called from tests, benchmarks or a hand-edited state, so a wrong prop still gets an
 * error that names the resource rather than a NullPointerException.
 */
final class Props {
    private Props() {
    }

    static String requiredString(ResourceRequest request, String name) throws ProviderException {
        JsonNode value = request.props().get(name);
        if (value == null || value.isNull()) {
            throw ProviderException.permanent("%s (%s): prop '%s' is required".formatted(request.id(), request.type(), name));
        }
        return string(request, name, value);
    }

    /** The string prop, or {@code fallback} when it is absent or null. */
    static String string(ResourceRequest request, String name, String fallback) throws ProviderException {
        JsonNode value = request.props().get(name);
        return value == null || value.isNull() ? fallback : string(request, name, value);
    }

    private static String string(ResourceRequest request, String name, JsonNode value) throws ProviderException {
        if (!value.isTextual()) {
            throw ProviderException.permanent("%s (%s): prop '%s' must be a string, got %s"
                    .formatted(request.id(), request.type(), name, value.getNodeType().name().toLowerCase()));
        }
        return value.asText();
    }

    /** A whole, positive number prop, or {@code fallback} when it is absent or null. */
    static long positiveLong(ResourceRequest request, String name, long fallback) throws ProviderException {
        JsonNode value = request.props().get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))
                || value.asDouble() < 1) {
            throw ProviderException.permanent("%s (%s): prop '%s' must be a whole number of at least 1, got %s"
                    .formatted(request.id(), request.type(), name, value));
        }
        return value.asLong();
    }
}
