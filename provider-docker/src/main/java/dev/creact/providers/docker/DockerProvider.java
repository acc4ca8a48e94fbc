package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code docker} provider: routes each call to the handler of its construct type. Every object it makes
 * carries the label {@code dev.creact.resource} with the resource's id, so a read after an interruption
 * knows its own objects from others of the same name.
 */
final class DockerProvider implements Provider {
    static final String RESOURCE_LABEL = "dev.creact.resource";

    private final DockerEngine engine;
    private final DockerImages images;
    private final DockerNetworks networks;
    private final DockerContainers containers;

    DockerProvider(DockerEngine engine, int stopTimeoutSeconds) {
        this.engine = engine;
        this.images = new DockerImages(engine);
        this.networks = new DockerNetworks(engine);
        this.containers = new DockerContainers(engine, stopTimeoutSeconds);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("docker:Image", "docker:Network", "docker:Container");
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return switch (request.type()) {
            case "docker:Image" -> images.create(request);
            case "docker:Network" -> networks.create(request);
            case "docker:Container" -> containers.create(request);
            default -> throw unknown(request);
        };
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        return switch (request.type()) {
            case "docker:Image" -> images.read(request);
            case "docker:Network" -> networks.read(request);
            case "docker:Container" -> containers.read(request);
            default -> throw unknown(request);
        };
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return switch (request.type()) {
            case "docker:Container" -> containers.update(request);
            // every other prop of these types replaces the resource; an update can only be a no-op
            case "docker:Image", "docker:Network" -> read(request).orElseThrow(() -> ProviderException.permanent(
                    "docker: " + request.id() + " is gone; plan again to create it"));
            default -> throw unknown(request);
        };
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        switch (request.type()) {
            case "docker:Image" -> images.delete(request);
            case "docker:Network" -> networks.delete(request);
            case "docker:Container" -> containers.delete(request);
            default -> throw unknown(request);
        }
    }

    private static ProviderException unknown(ResourceRequest request) {
        return ProviderException.permanent("docker: no construct type " + request.type() + " (resource " + request.id() + ")");
    }

    static ObjectNode labels(ResourceRequest request) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        request.props().path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put(RESOURCE_LABEL, request.id());
        return labels;
    }

    /** Whether an object read from the daemon is the one creact made for this resource. */
    static boolean ours(JsonNode labels, ResourceRequest request) {
        return labels != null && request.id().equals(labels.path(RESOURCE_LABEL).asText(null));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        engine.close();
    }
}
