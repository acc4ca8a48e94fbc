package dev.creact.engine.adapters;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * creact/helm with the real helm against a real cluster. Runs only where helm is on the PATH and can reach
 * a cluster (its kubeconfig); says plainly why it is skipped otherwise. The recorded helm
 * ({@link HelmReleaseSpecTest}) covers the same calls everywhere.
 */
@DisplayName("creact/helm with the real helm")
class RealHelmTest extends ApiSpec {
    @BeforeAll
    static void needsHelmAndACluster() {
        Assumptions.assumeTrue(runs("helm", "version"), "helm is not on the PATH: the real-helm tests are skipped");
        Assumptions.assumeTrue(runs("helm", "list", "--all-namespaces"),
                "helm is on the PATH but reaches no cluster (helm list failed): the real-helm tests are skipped");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    @DisplayName("a chart is installed, upgraded and uninstalled, with the release's outputs from helm itself")
    void release() throws Exception {
        String namespace = "creact-test-" + Long.toHexString(System.nanoTime());
        var p = HelmFixtures.chart(project(HelmFixtures.stack("{ replicaCount: 2 }").replace("namespace: \"web\"",
                "namespace: \"" + namespace + "\"")));
        var report = stack(dir).deploy(input("deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertTrue(report.ok(), report.toString());
        var web = report.state().byId().get("web").outputs();
        assertEquals(1, web.path("revision").asInt());
        assertEquals("deployed", web.path("status").asText());
        assertEquals("[\"ConfigMap/web\"]", web.path("resources").toString());

        p.file("infrastructure.tsx", "export default function App() { return null; }\n");
        var removed = stack(dir).deploy(input("deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
        assertTrue(removed.ok(), removed.toString());
        assertTrue(!runs("helm", "status", "web", "--namespace", namespace), "helm uninstall removed the release");
    }
}
