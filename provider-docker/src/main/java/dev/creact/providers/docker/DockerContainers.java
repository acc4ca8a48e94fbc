package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.eclipse.jetty.http.HttpMethod;

import java.util.Optional;
import java.util.TreeMap;

import static dev.creact.providers.docker.DockerProvider.enc;

/**
 * {@code docker:Container}: created and started; read by id or (after an interruption) by name and label;
 * {@code restart} updated in place; deleted by stopping it (SIGTERM, then SIGKILL after the stop timeout)
 * and removing it with its anonymous volumes.
 */
final class DockerContainers {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DockerEngine engine;
    private final int stopTimeoutSeconds;

    DockerContainers(DockerEngine engine, int stopTimeoutSeconds) {
        this.engine = engine;
        this.stopTimeoutSeconds = stopTimeoutSeconds;
    }

    ResourceResult create(ResourceRequest request) throws ProviderException {
        ObjectNode props = request.props();
        String name = props.path("name").asText();
        ObjectNode body = F.objectNode();
        body.put("Image", props.path("image").asText());
        if (props.path("command").isArray()) {
            body.set("Cmd", props.get("command").deepCopy());
        }
        ArrayNode env = body.putArray("Env");
        new TreeMap<>(toMap(props.path("env"))).forEach((k, v) -> env.add(k + "=" + v));
        body.set("Labels", DockerProvider.labels(request));
        ObjectNode host = body.putObject("HostConfig");
        ObjectNode exposed = body.putObject("ExposedPorts");
        ObjectNode bindings = host.putObject("PortBindings");
        for (JsonNode p : props.path("ports")) {
            PortSpec spec = PortSpec.parse(p, request.id());
            exposed.putObject(spec.key());
            ObjectNode binding = F.objectNode();
            binding.put("HostIp", spec.hostIp());
            binding.put("HostPort", spec.host() == 0 ? "" : Integer.toString(spec.host()));
            bindings.withArrayProperty(spec.key()).add(binding);
        }
        host.set("RestartPolicy", restartPolicy(props, request.id()));
        if (props.hasNonNull("network")) {
            host.put("NetworkMode", props.get("network").asText());
        }
        JsonNode made = engine.post("/containers/create?name=" + enc(name), body, request.context());
        String id = made.path("Id").asText();
        engine.call(HttpMethod.POST, "/containers/" + id + "/start", request.context());
        JsonNode inspected = engine.getOrNull("/containers/" + id + "/json", request.context());
        if (inspected == null) {
            throw ProviderException.transientFailure("docker: container " + name + " of " + request.id() + " vanished after it started");
        }
        return result(inspected, props);
    }

    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String id = request.outputs().path("id").asText("");
        JsonNode c = id.isEmpty() ? null : engine.getOrNull("/containers/" + id + "/json", request.context());
        if (c == null) {
            c = engine.getOrNull("/containers/" + enc(request.props().path("name").asText()) + "/json", request.context());
            if (c != null && !DockerProvider.ours(c.path("Config").path("Labels"), request)) {
                c = null;
            }
        }
        return c == null ? Optional.empty() : Optional.of(result(c, request.props()));
    }

    ResourceResult update(ResourceRequest request) throws ProviderException {
        String id = request.outputs().path("id").asText("");
        ObjectNode body = F.objectNode();
        body.set("RestartPolicy", restartPolicy(request.props(), request.id()));
        engine.post("/containers/" + id + "/update", body, request.context());
        return read(request).orElseThrow(() -> ProviderException.permanent(
                "docker: container " + request.props().path("name").asText() + " of " + request.id() + " is gone"));
    }

    void delete(ResourceRequest request) throws ProviderException {
        var found = read(request);
        if (found.isEmpty()) {
            return;
        }
        String id = found.get().outputs().path("id").asText();
        JsonNode inspected = engine.getOrNull("/containers/" + id + "/json", request.context());
        String image = inspected == null ? "" : inspected.path("Image").asText("");
        engine.call(HttpMethod.POST, "/containers/" + id + "/stop?t=" + stopTimeoutSeconds, request.context());
        engine.call(HttpMethod.DELETE, "/containers/" + id + "?v=1&force=1", request.context());
        if (!image.isEmpty()) {
            DockerImages.removeIfOrphaned(engine, image, request);
        }
    }

    private static ObjectNode restartPolicy(ObjectNode props, String id) throws ProviderException {
        String restart = props.path("restart").asText("no");
        if (!java.util.Set.of("no", "always", "unless-stopped", "on-failure").contains(restart)) {
            throw ProviderException.permanent("docker: restart of " + id + " must be no, always, unless-stopped or on-failure, not '"
                    + restart + "'");
        }
        ObjectNode policy = F.objectNode();
        policy.put("Name", restart);
        return policy;
    }

    private static ResourceResult result(JsonNode c, ObjectNode props) {
        ObjectNode outputs = F.objectNode();
        outputs.put("id", c.path("Id").asText());
        JsonNode settings = c.path("NetworkSettings");
        String ip = settings.path("IPAddress").asText("");
        JsonNode networks = settings.path("Networks");
        if (props.hasNonNull("network") && networks.has(props.get("network").asText())) {
            ip = networks.get(props.get("network").asText()).path("IPAddress").asText(ip);
        } else if (ip.isEmpty()) {
            for (JsonNode n : networks) {
                if (!n.path("IPAddress").asText("").isEmpty()) {
                    ip = n.path("IPAddress").asText();
                    break;
                }
            }
        }
        outputs.put("ipAddress", ip);
        ArrayNode ports = outputs.putArray("ports");
        new TreeMap<String, JsonNode>(toNodes(settings.path("Ports"))).forEach((key, bound) -> {
            String[] parts = key.split("/");
            for (JsonNode b : bound) {
                ObjectNode port = ports.addObject();
                port.put("container", Integer.parseInt(parts[0]));
                port.put("protocol", parts.length > 1 ? parts[1] : "tcp");
                port.put("hostIp", b.path("HostIp").asText());
                port.put("host", Integer.parseInt(b.path("HostPort").asText("0")));
            }
        });
        ObjectNode data = F.objectNode();
        data.put("running", c.path("State").path("Running").asBoolean(false));
        return new ResourceResult(outputs, data);
    }

    private static java.util.Map<String, String> toMap(JsonNode object) {
        var map = new java.util.LinkedHashMap<String, String>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return map;
    }

    private static java.util.Map<String, JsonNode> toNodes(JsonNode object) {
        var map = new java.util.LinkedHashMap<String, JsonNode>();
        object.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                map.put(e.getKey(), e.getValue());
            }
        });
        return map;
    }
}
