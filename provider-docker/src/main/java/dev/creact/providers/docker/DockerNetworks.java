package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.eclipse.jetty.http.HttpMethod;

import java.util.Optional;

import static dev.creact.providers.docker.DockerProvider.enc;

/** {@code docker:Network}: {@code POST /networks/create}, read by id or (after an interruption) by name and label. */
final class DockerNetworks {
    private final DockerEngine engine;

    DockerNetworks(DockerEngine engine) {
        this.engine = engine;
    }

    ResourceResult create(ResourceRequest request) throws ProviderException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Name", request.props().path("name").asText());
        body.put("Driver", request.props().path("driver").asText("bridge"));
        body.put("Internal", request.props().path("internal").asBoolean(false));
        body.put("CheckDuplicate", true);
        body.set("Labels", DockerProvider.labels(request));
        JsonNode made = engine.post("/networks/create", body, request.context());
        return result(made.path("Id").asText(), request.props().path("name").asText());
    }

    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String id = request.outputs().path("id").asText("");
        JsonNode net = id.isEmpty() ? null : engine.getOrNull("/networks/" + enc(id), request.context());
        if (net == null) {
            net = engine.getOrNull("/networks/" + enc(request.props().path("name").asText()), request.context());
            if (net != null && !DockerProvider.ours(net.path("Labels"), request)) {
                net = null;
            }
        }
        return net == null ? Optional.empty() : Optional.of(result(net.path("Id").asText(), net.path("Name").asText()));
    }

    void delete(ResourceRequest request) throws ProviderException {
        var found = read(request);
        if (found.isPresent()) {
            engine.call(HttpMethod.DELETE, "/networks/" + enc(found.get().outputs().path("id").asText()), request.context());
        }
    }

    private static ResourceResult result(String id, String name) {
        ObjectNode outputs = JsonNodeFactory.instance.objectNode();
        outputs.put("id", id);
        outputs.put("name", name);
        return new ResourceResult(outputs, null);
    }
}
