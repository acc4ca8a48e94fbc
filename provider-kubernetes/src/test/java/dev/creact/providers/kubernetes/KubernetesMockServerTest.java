package dev.creact.providers.kubernetes;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.PlanOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code creact/kubernetes} through the engine against fabric8's mock API server in CRUD mode, reached
 * through a kubeconfig file named in the provider's settings. The mock has no controllers, so a test
 * thread plays the Deployment controller: it reports a rollout done once it sees a Deployment, and notes
 * whether the resource declared after the Deployment existed before that (it must not).
 */
@DisplayName("creact/kubernetes against fabric8's mock API server (CRUD mode)")
class KubernetesMockServerTest extends ApiSpec {
    private static final String APP = """
            import { useInstance, secret } from "creact";
            import { ConfigMap, Deployment, KubernetesManifest, Namespace, Secret, Service } from "creact/kubernetes";
            export default function App() {
              const ns = useInstance(Namespace, { key: "ns", name: "shop" });
              const cm = useInstance(ConfigMap, { key: "config", name: "web-config", namespace: ns.outputs.name, data: { mode: "live" } });
              useInstance(Secret, { key: "creds", name: "web-creds", namespace: ns.outputs.name,
                stringData: { password: secret("WEB_PASSWORD") }, data: { token: secret("WEB_TOKEN_B64") } });
              const web = useInstance(Deployment, {
                key: "web", name: "web", namespace: ns.outputs.name, image: "web:1", replicas: REPLICAS, ports: [8080],
                env: { CONFIG: cm.outputs.name },
              });
              useInstance(ConfigMap, { key: "after-web", name: "after-web", namespace: ns.outputs.name, data: { web: web.outputs.uid } });
              useInstance(Service, {
                key: "svc", name: "web", namespace: ns.outputs.name, selector: { app: "web" }, clusterIP: "10.96.0.50",
                ports: [{ port: 80, targetPort: 8080 }],
              });
              useInstance(KubernetesManifest, { key: "sa", manifest: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop" } } });
              return null;
            }
            """;

    static final String PASSWORD = "s3cr3t-value-7f2e";
    static final String TOKEN = "tok-41c9e0d2";
    static final String TOKEN_B64 = java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @org.junit.jupiter.api.BeforeAll
    static void key() {
        System.setProperty("creact.encryptionKey", java.util.Base64.getEncoder().encodeToString(new byte[32]));
    }

    @org.junit.jupiter.api.AfterAll
    static void noKey() {
        System.clearProperty("creact.encryptionKey");
    }

    private KubernetesMockServer server;
    private KubernetesClient client;
    private Thread controller;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean dependentBeforeRollout = new AtomicBoolean(false);
    private final AtomicInteger rollouts = new AtomicInteger();

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        if (controller != null) {
            controller.join();
        }
        client.close();
        server.destroy();
    }

    /**
     * Marks every Deployment rolled out, as the controller of a real cluster would once its pods run, half a
     * second after it first saw that generation: long enough for a dependent started without waiting to show
     * up, which it notes. (With the wait, no dependent can exist before the mark, whatever the timing.)
     */
    private void startController() {
        var firstSeen = new java.util.HashMap<String, Long>();
        controller = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                    long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 1L);
                    int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
                    if (d.getStatus() != null && Objects.equals(d.getStatus().getAvailableReplicas(), replicas)
                            && Objects.equals(d.getStatus().getObservedGeneration(), generation)) {
                        continue;
                    }
                    String key = d.getMetadata().getUid() + "@" + generation + "x" + replicas;
                    long seen = firstSeen.computeIfAbsent(key, k -> System.nanoTime());
                    if (System.nanoTime() - seen < 500_000_000L) {
                        continue;
                    }
                    if (client.configMaps().inNamespace("shop").withName("after-web").get() != null && d.getStatus() == null) {
                        dependentBeforeRollout.set(true);
                    }
                    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                            .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
                    client.resource(d).updateStatus();
                    rollouts.incrementAndGet();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private TestProject app(int replicas, int rolloutTimeout) {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: { server: "http://%s:%d" }
                users:
                - name: tester
                  user: { token: "test-token" }
                contexts:
                - name: mock
                  context: { cluster: mock, user: tester, namespace: default }
                current-context: mock
                """.formatted(server.getHostName(), server.getPort());
        var p = project(APP.replace("REPLICAS", Integer.toString(replicas)))
                .file("kube/config.yaml", kubeconfig)
                .file("creact.config.json", "{\"providers\": {\"kubernetes\": {\"kubeconfig\": \"kube/config.yaml\", "
                        + "\"context\": \"mock\", \"rolloutTimeoutSeconds\": " + rolloutTimeout + "}}}");
        var secrets = stack().secrets();
        if (secrets.get("WEB_PASSWORD").isEmpty()) {
            secrets.set("WEB_PASSWORD", PASSWORD);
            secrets.set("WEB_TOKEN_B64", TOKEN_B64);
        }
        return p;
    }

    private final java.util.List<DeployEvent> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private DeployReport deploy() {
        return stack().deploy(input("test deploy"), Approval.ALWAYS, events::add, CancellationToken.NONE);
    }

    /** Where a value of the Secret's data shows (raw or base64) in the files under .creact, the events, and {@code more}. */
    private java.util.List<String> leaks(String more) throws java.io.IOException {
        var texts = new java.util.LinkedHashMap<String, String>();
        try (var files = java.nio.file.Files.walk(dir.resolve(".creact"))) {
            for (var f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                texts.put(dir.relativize(f).toString(), new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        for (var e : java.util.List.copyOf(events)) {
            texts.put("event " + e.getClass().getSimpleName(), dev.creact.engine.model.Json.write(e) + e);
        }
        texts.put("plan", more);
        var hits = new java.util.ArrayList<String>();
        var b64 = java.util.Base64.getEncoder();
        for (String v : java.util.List.of(PASSWORD, TOKEN, TOKEN_B64, b64.encodeToString(PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            texts.forEach((where, text) -> {
                if (text.contains(v)) {
                    hits.add(where + " holds " + v);
                }
            });
        }
        return hits;
    }

    private com.fasterxml.jackson.databind.node.ObjectNode outputs(String id) {
        return stack().state().cloudDom().byId().get(id).outputs();
    }

    @Test
    @DisplayName("applies every object server-side, waits for the rollout before dependents, reports uid, resourceVersion and the Service's IP and ports, updates, destroys")
    void lifecycle() throws Exception {
        startController();
        app(2, 20);
        var first = deploy();
        assertEquals(DeployReport.Outcome.DEPLOYED, first.outcome(), first.problems() + " " + first.failed());

        assertFalse(dependentBeforeRollout.get(), "what depends on the Deployment waited for its rollout");
        var svc = outputs("svc");
        assertEquals("10.96.0.50", svc.path("clusterIP").asText(), svc.toString());
        assertEquals(80, svc.path("ports").get(0).path("port").asInt());
        assertEquals(8080, svc.path("ports").get(0).path("targetPort").asInt());
        var web = outputs("web");
        assertFalse(web.path("uid").asText().isEmpty(), web.toString());
        assertFalse(web.path("resourceVersion").asText().isEmpty(), web.toString());
        assertEquals(2, web.path("availableReplicas").asInt());
        assertEquals("shop", web.path("namespace").asText());
        assertEquals("ServiceAccount", outputs("sa").path("kind").asText());
        assertFalse(outputs("creds").toString().contains("s3cr3t"), "a secret's data is no output");
        var creds = stack().state().cloudDom().byId().get("creds");
        assertEquals("WEB_PASSWORD", creds.props().path("stringData").path("password").path("$secret").asText(),
                "the state holds the reference: " + creds.props());
        assertEquals("WEB_TOKEN_B64", creds.props().path("data").path("token").path("$secret").asText());

        Deployment live = client.apps().deployments().inNamespace("shop").withName("web").get();
        assertEquals("web:1", live.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        assertEquals("creact", live.getMetadata().getLabels().get(Manifests.MANAGED_BY));
        assertEquals("web-config", live.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().getFirst().getValue());
        assertTrue(live.getMetadata().getManagedFields() == null || live.getMetadata().getManagedFields().isEmpty()
                || live.getMetadata().getManagedFields().stream().anyMatch(f -> "creact".equals(f.getManager())));
        ConfigMap after = client.configMaps().inNamespace("shop").withName("after-web").get();
        assertEquals(web.path("uid").asText(), after.getData().get("web"), "the dependent got the Deployment's uid");
        Secret secret = client.secrets().inNamespace("shop").withName("web-creds").get();
        assertNotNull(secret);
        String applied = secret.getStringData() != null && secret.getStringData().containsKey("password")
                ? secret.getStringData().get("password")
                : new String(java.util.Base64.getDecoder().decode(secret.getData().get("password")), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(PASSWORD, applied, "the cluster got the value");
        assertEquals(TOKEN_B64, secret.getData().get("token"), "data is sent in base64 as it is");
        assertNotNull(client.serviceAccounts().inNamespace("shop").withName("web").get());
        assertTrue(appliedServerSide(), "objects are written with server-side apply");

        assertEquals(DeployReport.Outcome.NO_CHANGES, deploy().outcome(), "nothing changed, nothing to do");
        var plan = stack().plan(dev.creact.engine.api.BuildInput.of(java.nio.file.Path.of("infrastructure.tsx")),
                PlanOptions.NONE, CancellationToken.NONE);
        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(java.util.List.of(), leaks(dev.creact.engine.model.Json.write(plan.plan()) + plan.plan()),
                "no value of the Secret's data in the state, journal, deployment record, events or plan");

        app(3, 20);
        var scaled = deploy();
        assertEquals(DeployReport.Outcome.DEPLOYED, scaled.outcome(), scaled.problems() + " " + scaled.failed());
        assertTrue(scaled.updated().contains("web"), scaled.updated().toString());
        assertEquals(3, client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas());
        assertEquals(3, outputs("web").path("availableReplicas").asInt(), "the update waited for the new rollout");

        var gone = stack().destroy(input("test destroy"), PlanOptions.NONE, Approval.ALWAYS, DeployEvent.Listener.NONE,
                CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, gone.outcome(), gone.problems() + " " + gone.failed());
        assertNull(client.apps().deployments().inNamespace("shop").withName("web").get());
        assertNull(client.services().inNamespace("shop").withName("web").get());
        assertNull(client.configMaps().inNamespace("shop").withName("web-config").get());
        assertNull(client.secrets().inNamespace("shop").withName("web-creds").get());
        ServiceAccount sa = client.serviceAccounts().inNamespace("shop").withName("web").get();
        assertNull(sa);
        assertNull(client.namespaces().withName("shop").get());
    }

    @Test
    @DisplayName("a Deployment that does not roll out fails at its timeout, saying how far it got; its dependents never start")
    void rolloutTimeout() {
        app(2, 1);
        var report = deploy();
        assertEquals(DeployReport.Outcome.FAILED, report.outcome());
        String failed = report.failed().toString();
        assertTrue(failed.contains("did not roll out within 1 s"), failed);
        assertTrue(failed.contains("no status yet") || failed.contains("0 of 2"), failed);
        assertNull(client.configMaps().inNamespace("shop").withName("after-web").get(), "the dependent was not started");
    }

    @Test
    @DisplayName("a manifest without a kind is a build error at its line")
    void manifestChecked() {
        project("""
                import { useInstance } from "creact";
                import { KubernetesManifest } from "creact/kubernetes";
                export default function App() {
                  useInstance(KubernetesManifest, { key: "bad", manifest: { apiVersion: "v1", metadata: { name: "x" } } });
                  return null;
                }
                """);
        var build = stack().build(dev.creact.engine.api.BuildInput.of(java.nio.file.Path.of("infrastructure.tsx")),
                CancellationToken.NONE);
        assertFalse(build.ok());
        String problems = build.problems().toString();
        assertTrue(problems.contains("the manifest has no kind") && problems.contains("infrastructure.tsx"), problems);
    }

    @Test
    @DisplayName("a literal in a Secret's stringData or data (or a Secret manifest's) is a build error at its line naming the resource and the key, never the value")
    void secretLiteral() {
        project("""
                import { useInstance, secret } from "creact";
                import { KubernetesManifest, Secret } from "creact/kubernetes";
                export default function App() {
                  useInstance(Secret, { key: "creds", name: "creds", stringData: { "db-password": "hunter2-literal" } });
                  useInstance(KubernetesManifest, { key: "raw", manifest: { apiVersion: "v1", kind: "Secret",
                    metadata: { name: "raw" }, data: { token: "aHVudGVyMi1saXRlcmFs" } } });
                  return null;
                }
                """);
        var build = stack().build(dev.creact.engine.api.BuildInput.of(java.nio.file.Path.of("infrastructure.tsx")),
                CancellationToken.NONE);
        assertFalse(build.ok());
        var literal = build.problems().stream().filter(p -> p.code().equals(SecretDataCheck.CODE)).toList();
        assertEquals(2, literal.size(), build.problems().toString());
        var creds = literal.stream().filter(p -> "creds".equals(p.resourceId())).findFirst().orElseThrow();
        assertEquals("infrastructure.tsx", java.nio.file.Path.of(creds.source().file()).getFileName().toString());
        assertEquals(4, creds.source().line(), creds.toString());
        assertTrue(creds.message().contains("stringData.db-password") && creds.message().contains("'creds'"), creds.message());
        assertTrue(creds.hint().contains("creact secrets set DB_PASSWORD") && creds.hint().contains("secret(\"DB_PASSWORD\")"),
                creds.hint());
        var raw = literal.stream().filter(p -> "raw".equals(p.resourceId())).findFirst().orElseThrow();
        assertEquals(5, raw.source().line(), raw.toString());
        assertTrue(raw.message().contains("data.token"), raw.message());
        assertFalse(build.problems().toString().contains("hunter2") || build.problems().toString().contains("aHVudGVy"),
                "the value is never repeated: " + build.problems());
    }

    private boolean appliedServerSide() throws InterruptedException {
        int count = server.getRequestCount();
        boolean apply = false;
        for (int i = 0; i < count; i++) {
            var r = server.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS);
            if (r == null) {
                break;
            }
            String type = r.getHeader("Content-Type");
            if ("PATCH".equals(r.getMethod()) && type != null && type.startsWith("application/apply-patch+yaml")) {
                apply = true;
            }
        }
        return apply;
    }
}
