package dev.creact.providers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code kubernetes} provider: every construct becomes one object ({@link Manifests}), applied with
 * server-side apply under the field manager {@code creact} (conflicts forced: creact owns the fields it
 * declares), read back for its outputs, and deleted by name. A Deployment's create and update return only
 * once it has rolled out ({@link Rollouts}), so its dependents start after that.
 */
final class KubernetesProvider implements Provider {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client for the cluster and the namespace of objects that name none. */
    record Connection(KubernetesClient client, String namespace) {
    }

    private final java.util.function.Supplier<Connection> connect;
    private Connection connection;
    private final String fieldManager;
    private final Rollouts rollouts;

    /** {@code connect} is called on first use: every command opens every plugin's provider, most never call a cluster. */
    KubernetesProvider(java.util.function.Supplier<Connection> connect, String fieldManager, int rolloutTimeoutSeconds) {
        this.connect = connect;
        this.fieldManager = fieldManager;
        this.rollouts = new Rollouts(rolloutTimeoutSeconds);
    }

    private synchronized Connection connection() throws ProviderException {
        if (connection == null) {
            try {
                connection = connect.get();
            } catch (RuntimeException e) {
                throw new ProviderException("kubernetes: " + e.getMessage(), false, e);
            }
        }
        return connection;
    }

    private KubernetesClient client() throws ProviderException {
        return connection().client();
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("kubernetes:Namespace", "kubernetes:ConfigMap", "kubernetes:Secret", "kubernetes:Deployment",
                "kubernetes:Service", "kubernetes:Manifest");
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return apply(request);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return apply(request);
    }

    private ResourceResult apply(ResourceRequest request) throws ProviderException {
        ObjectNode manifest = Manifests.of(request, connection().namespace());
        HasMetadata applied;
        try {
            applied = client().resource(toObject(manifest)).fieldManager(fieldManager).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.of(e, "apply " + describe(manifest), request.id());
        }
        if (applied instanceof Deployment deployment) {
            applied = rollouts.await(client(), deployment, request.props(), request.context(), request.id());
        }
        return result(request, applied);
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        ObjectNode manifest = Manifests.of(request, connection().namespace());
        try {
            HasMetadata live = client().resource(toObject(manifest)).get();
            return live == null ? Optional.empty() : Optional.of(result(request, live));
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.of(e, "read " + describe(manifest), request.id());
        }
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        ObjectNode manifest = Manifests.of(request, connection().namespace());
        try {
            client().resource(toObject(manifest)).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw KubernetesErrors.of(e, "delete " + describe(manifest), request.id());
            }
        }
    }

    private HasMetadata toObject(ObjectNode manifest) throws ProviderException {
        return client().getKubernetesSerialization().unmarshal(manifest.toString());
    }

    private ResourceResult result(ResourceRequest request, HasMetadata live) throws ProviderException {
        JsonNode json;
        try {
            json = JSON.readTree(client().getKubernetesSerialization().asJson(live));
        } catch (IOException e) {
            throw ProviderException.permanent("kubernetes: cannot read the object of " + request.id() + ": " + e.getMessage());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode meta = json.path("metadata");
        out.put("uid", meta.path("uid").asText(""));
        out.put("resourceVersion", meta.path("resourceVersion").asText(""));
        out.put("name", meta.path("name").asText(""));
        if (meta.hasNonNull("namespace")) {
            out.put("namespace", meta.get("namespace").asText());
        }
        switch (request.type()) {
            case "kubernetes:Deployment" -> out.put("availableReplicas", json.path("status").path("availableReplicas").asInt(0));
            case "kubernetes:Service" -> {
                out.put("clusterIP", json.path("spec").path("clusterIP").asText(""));
                var ports = out.putArray("ports");
                for (JsonNode p : json.path("spec").path("ports")) {
                    ObjectNode port = ports.addObject();
                    port.put("name", p.path("name").asText(""));
                    port.put("port", p.path("port").asInt());
                    port.set("targetPort", p.path("targetPort").isMissingNode() ? port.numberNode(p.path("port").asInt())
                            : p.get("targetPort").deepCopy());
                    port.put("protocol", p.path("protocol").asText("TCP"));
                    if (p.has("nodePort")) {
                        port.put("nodePort", p.get("nodePort").asInt());
                    }
                }
            }
            case "kubernetes:Manifest" -> {
                out.put("kind", json.path("kind").asText());
                out.put("apiVersion", json.path("apiVersion").asText());
            }
            default -> {
            }
        }
        return new ResourceResult(out, null);
    }

    private static String describe(ObjectNode m) {
        JsonNode meta = m.path("metadata");
        return m.path("kind").asText() + " " + (meta.hasNonNull("namespace") ? meta.get("namespace").asText() + "/" : "")
                + meta.path("name").asText();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.client().close();
        }
    }
}
