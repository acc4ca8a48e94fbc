package dev.creact.providers.kubernetes;

import static dev.creact.engine.model.ConstructSchema.props;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code creact/kubernetes}: namespaces, config maps, secrets, deployments (which wait for their rollout),
 * services and any other object as a manifest, applied server-side with fabric8's kubernetes-client to the
 * cluster of a kubeconfig (the {@code kubeconfig} and {@code context} settings, else fabric8's usual search:
 * {@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster). Its build-time step checks a manifest's
 * apiVersion, kind and name, and that a Secret's data comes from {@code secret()} references
 * ({@link SecretDataCheck}), where it is written.
 */
public final class KubernetesPlugin implements ProviderPlugin, DeclarationLoader {
    private static final List<String> COMMON_OUTPUTS = List.of("uid", "resourceVersion", "name", "namespace");

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public String description() {
        return "Kubernetes objects applied server-side (fabric8 kubernetes-client) to the cluster of a kubeconfig";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/kubernetes";
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        return List.of(
                construct("Namespace", "kubernetes:Namespace", props(
                        "name", replacing("string", true), "labels", safeProp("object"), "annotations", safeProp("object")),
                        List.of("uid", "resourceVersion", "name"), "A namespace."),
                construct("ConfigMap", "kubernetes:ConfigMap", props(
                        "name", replacing("string", true), "namespace", replacing("string", false),
                        "data", new PropSpec("object", false, false, null), "labels", safeProp("object"),
                        "annotations", safeProp("object")),
                        COMMON_OUTPUTS, "A config map; `data` is applied in place."),
                construct("Secret", "kubernetes:Secret", props(
                        "name", replacing("string", true), "namespace", replacing("string", false),
                        "type", replacing("string", false),
                        "stringData", new PropSpec("object", false, false, null, true),
                        "data", new PropSpec("object", false, false, null, true),
                        "labels", safeProp("object"), "annotations", safeProp("object")),
                        COMMON_OUTPUTS, "A secret; every value of its `stringData` (text) and `data` (base64) is a "
                                + "secret() reference: never shown, never an output."),
                construct("Deployment", "kubernetes:Deployment", props(
                        "name", replacing("string", true), "namespace", replacing("string", false),
                        "image", new PropSpec("string", true, false, null),
                        "replicas", safeProp("number"),
                        "selector", replacing("object", false),
                        "labels", new PropSpec("object", false, false, null),
                        "annotations", safeProp("object"),
                        "containerName", new PropSpec("string", false, false, null),
                        "command", new PropSpec("array", false, false, null),
                        "args", new PropSpec("array", false, false, null),
                        "env", new PropSpec("object", false, false, null),
                        "ports", new PropSpec("array", false, false, null),
                        "rolloutTimeoutSeconds", safeProp("number")),
                        List.of("uid", "resourceVersion", "name", "namespace", "availableReplicas"),
                        "A Deployment of one container; create and update wait for its rollout (rolloutTimeoutSeconds)."),
                construct("Service", "kubernetes:Service", props(
                        "name", replacing("string", true), "namespace", replacing("string", false),
                        "type", new PropSpec("string", false, false, null),
                        "selector", new PropSpec("object", true, false, null),
                        "ports", new PropSpec("array", true, false, null),
                        "clusterIP", replacing("string", false),
                        "labels", safeProp("object"), "annotations", safeProp("object")),
                        List.of("uid", "resourceVersion", "name", "namespace", "clusterIP", "ports"),
                        "A Service; its outputs carry the cluster IP and the ports as the API server set them."),
                construct("KubernetesManifest", "kubernetes:Manifest", props(
                        "manifest", new PropSpec("object", true, false, null)),
                        List.of("uid", "resourceVersion", "name", "namespace", "kind", "apiVersion"),
                        "Any other object, as its manifest (apiVersion, kind, metadata.name, …)."));
    }

    private static ConstructDeclaration construct(String export, String type, LinkedHashMap<String, PropSpec> props,
                                                  List<String> outputs, String description) {
        return new ConstructDeclaration(export, new ConstructSchema(type, props, outputs, false, false), description);
    }

    private static PropSpec replacing(String type, boolean required) {
        return new PropSpec(type, required, true, null);
    }

    private static PropSpec safeProp(String type) {
        return new PropSpec(type, false, false, true);
    }


    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(KubernetesPlugin.class, "/dev/creact/providers/kubernetes/kubernetes.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        var s = new LinkedHashMap<String, String>();
        s.put("kubeconfig", "path of the kubeconfig file, relative to the project root (default: KUBECONFIG, else ~/.kube/config, else in-cluster)");
        s.put("context", "the kubeconfig context to use (default: its current-context)");
        s.put("namespace", "namespace of objects that name none (default: the context's, else \"default\")");
        s.put("rolloutTimeoutSeconds", "how long a Deployment may take to roll out before it fails (default 300)");
        s.put("fieldManager", "the server-side apply field manager (default \"creact\")");
        return s;
    }

    @Override
    public Provider open(ProviderContext context) {
        ObjectNode settings = context.settings();
        String kubeContext = text(settings, "context");
        String kubeconfig = text(settings, "kubeconfig");
        Path path = kubeconfig == null ? null : context.projectRoot().resolve(kubeconfig).normalize();
        if (path != null && !Files.isReadable(path)) {
            throw new IllegalArgumentException("providers.kubernetes.kubeconfig: cannot read " + path);
        }
        int timeout = 300;
        if (settings.has("rolloutTimeoutSeconds")) {
            JsonNode t = settings.get("rolloutTimeoutSeconds");
            if (!t.canConvertToInt() || t.asInt() <= 0) {
                throw new IllegalArgumentException("providers.kubernetes.rolloutTimeoutSeconds must be a positive number of seconds, not " + t);
            }
            timeout = t.asInt();
        }
        String namespaceSetting = text(settings, "namespace");
        String manager = text(settings, "fieldManager");
        // the kubeconfig is read and the client made on first use: most commands never reach the cluster
        return new KubernetesProvider(() -> {
            Config config = config(path, kubeContext);
            String namespace = namespaceSetting != null ? namespaceSetting
                    : config.getNamespace() == null || config.getNamespace().isBlank() ? "default" : config.getNamespace();
            return new KubernetesProvider.Connection(new KubernetesClientBuilder().withConfig(config).build(), namespace);
        }, manager == null ? "creact" : manager, timeout);
    }

    private static Config config(Path kubeconfig, String kubeContext) {
        if (kubeconfig == null) {
            return Config.autoConfigure(kubeContext);
        }
        try {
            return Config.fromKubeconfig(kubeContext, kubeconfig.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("providers.kubernetes.kubeconfig: " + kubeconfig + " is not a usable kubeconfig"
                    + (kubeContext == null ? "" : " with context " + kubeContext) + ": " + e.getMessage(), e);
        }
    }

    private static String text(ObjectNode settings, String name) {
        JsonNode v = settings.get(name);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    @Override
    public Loaded load(Declaration declaration) {
        if (declaration.type().equals("kubernetes:Secret")) {
            return new Loaded(null, SecretDataCheck.check(declaration.id(), declaration.props()));
        }
        if (!declaration.type().equals("kubernetes:Manifest")) {
            return new Loaded(null, List.of());
        }
        JsonNode m = declaration.props().path("manifest");
        for (String field : List.of("apiVersion", "kind")) {
            if (m.path(field).asText("").isBlank()) {
                return Loaded.failed(new Finding("kubernetes-manifest-" + field.toLowerCase(),
                        "the manifest has no " + field, "add " + field + " (as in kubectl's YAML: apiVersion: v1, kind: ServiceAccount)"));
            }
        }
        if (m.path("metadata").path("name").asText("").isBlank()) {
            return Loaded.failed(new Finding("kubernetes-manifest-name", "the manifest has no metadata.name",
                    "add metadata: { name: \"…\" }"));
        }
        if (m.path("kind").asText().equals("Secret") && m.path("apiVersion").asText().equals("v1")) {
            return new Loaded(null, SecretDataCheck.check(declaration.id(), m));
        }
        return new Loaded(null, List.of());
    }
}
