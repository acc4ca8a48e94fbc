package dev.creact.providers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes object a creact resource declares, as the JSON manifest server-side apply sends: one
 * per construct type, from its props ({@code KubernetesManifest} takes the manifest as it is). Every object
 * gets the label {@code app.kubernetes.io/managed-by: creact}.
 */
final class Manifests {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass", "PriorityClass", "IngressClass",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "RuntimeClass");

    private Manifests() {
    }

    /** The manifest, its namespace filled in (the prop, else {@code defaultNamespace}) unless cluster-scoped. */
    static ObjectNode of(ResourceRequest request, String defaultNamespace) throws ProviderException {
        ObjectNode p = request.props();
        ObjectNode m = switch (request.type()) {
            case "kubernetes:Namespace" -> object("v1", "Namespace", p);
            case "kubernetes:ConfigMap" -> {
                ObjectNode o = object("v1", "ConfigMap", p);
                o.set("data", strings(p.path("data")));
                yield o;
            }
            case "kubernetes:Secret" -> {
                ObjectNode o = object("v1", "Secret", p);
                o.put("type", p.path("type").asText("Opaque"));
                o.set("stringData", strings(p.path("stringData")));
                if (p.path("data").isObject()) {
                    o.set("data", strings(p.path("data"))); // base64, as the API takes it
                }
                yield o;
            }
            case "kubernetes:Deployment" -> deployment(p);
            case "kubernetes:Service" -> service(p);
            case "kubernetes:Manifest" -> manifest(request);
            default -> throw ProviderException.permanent("kubernetes: no construct type " + request.type()
                    + " (resource " + request.id() + ")");
        };
        ObjectNode meta = m.withObjectProperty("metadata");
        if (meta.path("name").asText("").isBlank()) {
            throw ProviderException.permanent("kubernetes: " + request.id() + " has no name (metadata.name)");
        }
        meta.withObjectProperty("labels").put(MANAGED_BY, "creact");
        if (CLUSTER_SCOPED.contains(m.path("kind").asText())) {
            meta.remove("namespace");
        } else if (meta.path("namespace").asText("").isBlank()) {
            meta.put("namespace", defaultNamespace);
        }
        return m;
    }

    private static ObjectNode object(String apiVersion, String kind, ObjectNode p) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", p.path("name").asText(""));
        if (p.hasNonNull("namespace")) {
            meta.put("namespace", p.get("namespace").asText());
        }
        meta.set("labels", strings(p.path("labels")));
        if (p.has("annotations")) {
            meta.set("annotations", strings(p.path("annotations")));
        }
        return o;
    }

    private static ObjectNode deployment(ObjectNode p) {
        ObjectNode o = object("apps/v1", "Deployment", p);
        String name = p.path("name").asText("");
        ObjectNode selector = p.path("selector").isObject() ? strings(p.get("selector")) : F.objectNode().put("app", name);
        ObjectNode spec = o.putObject("spec");
        spec.put("replicas", p.path("replicas").asInt(1));
        spec.putObject("selector").set("matchLabels", selector);
        ObjectNode template = spec.putObject("template");
        ObjectNode podLabels = strings(p.path("labels"));
        selector.properties().forEach(e -> podLabels.set(e.getKey(), e.getValue()));
        template.putObject("metadata").set("labels", podLabels);
        ObjectNode container = template.putObject("spec").putArray("containers").addObject();
        container.put("name", p.path("containerName").asText(name));
        container.put("image", p.path("image").asText());
        if (p.path("command").isArray()) {
            container.set("command", p.get("command").deepCopy());
        }
        if (p.path("args").isArray()) {
            container.set("args", p.get("args").deepCopy());
        }
        if (p.path("env").isObject() && !p.get("env").isEmpty()) {
            ArrayNode env = container.putArray("env");
            new TreeMap<>(toMap(p.get("env"))).forEach((k, v) -> env.addObject().put("name", k).put("value", v));
        }
        if (p.path("ports").isArray() && !p.get("ports").isEmpty()) {
            ArrayNode ports = container.putArray("ports");
            for (JsonNode port : p.get("ports")) {
                ports.addObject().put("containerPort", port.isObject() ? port.path("containerPort").asInt() : port.asInt());
            }
        }
        return o;
    }

    private static ObjectNode service(ObjectNode p) {
        ObjectNode o = object("v1", "Service", p);
        ObjectNode spec = o.putObject("spec");
        spec.put("type", p.path("type").asText("ClusterIP"));
        if (p.hasNonNull("clusterIP")) {
            spec.put("clusterIP", p.get("clusterIP").asText());
        }
        spec.set("selector", strings(p.path("selector")));
        ArrayNode ports = spec.putArray("ports");
        for (JsonNode port : p.path("ports")) {
            ObjectNode sp = ports.addObject();
            if (port.isObject()) {
                int number = port.path("port").asInt();
                sp.put("port", number);
                sp.put("protocol", port.path("protocol").asText("TCP"));
                sp.put("name", port.path("name").asText("p" + number));
                JsonNode target = port.get("targetPort");
                if (target != null && target.isTextual()) {
                    sp.put("targetPort", target.asText());
                } else {
                    sp.put("targetPort", target == null ? number : target.asInt());
                }
                if (port.has("nodePort")) {
                    sp.put("nodePort", port.get("nodePort").asInt());
                }
            } else {
                sp.put("port", port.asInt()).put("targetPort", port.asInt()).put("protocol", "TCP").put("name", "p" + port.asInt());
            }
        }
        return o;
    }

    private static ObjectNode manifest(ResourceRequest request) throws ProviderException {
        JsonNode m = request.props().path("manifest");
        if (!m.isObject() || m.path("apiVersion").asText("").isBlank() || m.path("kind").asText("").isBlank()) {
            throw ProviderException.permanent("kubernetes: the manifest of " + request.id()
                    + " needs apiVersion, kind and metadata.name");
        }
        return m.deepCopy();
    }

    private static ObjectNode strings(JsonNode object) {
        ObjectNode out = F.objectNode();
        new TreeMap<>(toMap(object)).forEach(out::put);
        return out;
    }

    private static java.util.Map<String, String> toMap(JsonNode object) {
        var map = new java.util.LinkedHashMap<String, String>();
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> map.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        return map;
    }
}
