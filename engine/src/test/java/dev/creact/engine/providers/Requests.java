package dev.creact.engine.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Builds provider requests from JSON text, as the deployer would after resolving references. */
public final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new UncheckedIOException(new java.io.IOException("bad test JSON: " + text, e));
        }
    }

    /** A create: no outputs, no provider data yet. Single quotes in {@code props} stand for double quotes. */
    public static ResourceRequest create(Path root, String id, String type, String props) {
        return new ResourceRequest(id, type, json(props), null, null, root);
    }

    /** A read, update or delete after {@code last}. */
    public static ResourceRequest after(ResourceResult last, Path root, String id, String type, String props) {
        return new ResourceRequest(id, type, json(props), last.outputs(), last.providerData(), root);
    }

    public static ResourceRequest withData(Path root, String id, String type, String props, JsonNode data) {
        return new ResourceRequest(id, type, json(props), null, data, root);
    }
}
