package dev.creact.providers.kubernetes;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.PlanOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code creact/kubernetes} against a real cluster, where {@code CREACT_TEST_KUBECONFIG} names a kubeconfig
 * (and {@code CREACT_TEST_KUBE_CONTEXT} optionally its context); skipped otherwise. It needs no image pull:
 * a namespace, a config map and a Service (whose cluster IP the API server assigns), applied and destroyed.
 */
@DisplayName("creact/kubernetes against a real cluster (CREACT_TEST_KUBECONFIG)")
class RealClusterTest extends ApiSpec {
    @Test
    @DisplayName("a namespace, a config map and a Service applied server-side; the Service gets a cluster IP; destroy removes them")
    void realCluster() throws Exception {
        String kubeconfig = System.getenv("CREACT_TEST_KUBECONFIG");
        Assumptions.assumeTrue(kubeconfig != null && Files.isRegularFile(Path.of(kubeconfig)),
                "skipped: no real cluster (set CREACT_TEST_KUBECONFIG to a kubeconfig file to run it)");
        String context = System.getenv().getOrDefault("CREACT_TEST_KUBE_CONTEXT", "");
        String ns = "creact-test-" + Long.toHexString(System.nanoTime() & 0xffffff);
        project("""
                import { useInstance } from "creact";
                import { ConfigMap, Namespace, Service } from "creact/kubernetes";
                export default function App() {
                  const ns = useInstance(Namespace, { key: "ns", name: "NS" });
                  useInstance(ConfigMap, { key: "cm", name: "settings", namespace: ns.outputs.name, data: { a: "1" } });
                  useInstance(Service, { key: "svc", name: "web", namespace: ns.outputs.name, selector: { app: "web" }, ports: [80] });
                  return null;
                }
                """.replace("NS", ns)).file("creact.config.json", "{\"providers\": {\"kubernetes\": {\"kubeconfig\": \""
                + Path.of(kubeconfig).toAbsolutePath() + "\"" + (context.isBlank() ? "" : ", \"context\": \"" + context + "\"") + "}}}");
        var report = stack().deploy(input("test deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        try {
            assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.failed().toString());
            var svc = stack().state().cloudDom().byId().get("svc").outputs();
            assertFalse(svc.path("clusterIP").asText().isEmpty(), svc.toString());
            assertFalse(svc.path("uid").asText().isEmpty(), svc.toString());
        } finally {
            var gone = stack().destroy(input("test destroy"), PlanOptions.NONE, Approval.ALWAYS, DeployEvent.Listener.NONE,
                    CancellationToken.NONE);
            assertEquals(DeployReport.Outcome.DEPLOYED, gone.outcome(), gone.failed().toString());
        }
    }
}
