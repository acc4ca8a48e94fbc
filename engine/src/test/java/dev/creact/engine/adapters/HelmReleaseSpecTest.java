package dev.creact.engine.adapters;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** creact/helm against a recorded helm: the arguments it is given and the answers real helm's shapes give. */
@DisplayName("creact/helm against a recorded helm")
class HelmReleaseSpecTest extends ApiSpec {
    private DeployReport deploy() {
        return stack(dir).deploy(input("test deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
    }

    @Test
    @DisplayName("a release is installed with upgrade --install --wait --output json, the kubeconfig and context from the settings, and its outputs reach other resources")
    void install() throws Exception {
        HelmFixtures.chart(project(HelmFixtures.stack("{ replicaCount: 2 }")));
        HelmFixtures.recordedHelm(dir);
        var report = deploy();
        assertTrue(report.ok(), report.toString());
        var web = report.state().byId().get("web").outputs();
        assertEquals(1, web.path("revision").asInt());
        assertEquals("deployed", web.path("status").asText());
        assertEquals("web", web.path("namespace").asText());
        assertEquals("[\"Service/web\",\"Deployment/web\"]", web.path("resources").toString());
        assertEquals("revision=1 status=deployed resources=Service/web,Deployment/web", Files.readString(dir.resolve("out/release.txt")));
        String call = HelmFixtures.calls(dir).getFirst();
        assertTrue(call.startsWith("upgrade --install web " + dir.resolve("charts/web") + " --namespace web --create-namespace --wait --output json -f "),
                call);
        assertTrue(call.endsWith("--kubeconfig " + dir.resolve("kubeconfig.yaml") + " --kube-context kind-dev"), call);
        var values = Files.readString(dir.resolve(".creact/adapters/helm/dev").toFile().listFiles()[0].toPath().resolve("values.json"));
        assertTrue(values.contains("\"replicaCount\" : 2"), values);
    }

    @Test
    @DisplayName("changed values upgrade the release to its next revision; removing it runs helm uninstall")
    void upgradeAndUninstall() throws Exception {
        var p = HelmFixtures.chart(project(HelmFixtures.stack("{ replicaCount: 2 }")));
        HelmFixtures.recordedHelm(dir);
        assertTrue(deploy().ok());
        p.file("infrastructure.tsx", HelmFixtures.stack("{ replicaCount: 3 }"));
        var plan = stack(dir).plan(BuildInput.of(Path.of("infrastructure.tsx")), dev.creact.engine.model.PlanOptions.NONE,
                CancellationToken.NONE).plan();
        assertEquals(List.of("values.replicaCount"), plan.changeSet().updates().getFirst().changedPaths());
        var upgraded = deploy();
        assertTrue(upgraded.ok(), upgraded.toString());
        assertEquals(2, upgraded.state().byId().get("web").outputs().path("revision").asInt());

        p.file("infrastructure.tsx", "export default function App() { return null; }\n");
        assertTrue(deploy().ok());
        assertEquals("uninstall web --namespace web --wait --kubeconfig " + dir.resolve("kubeconfig.yaml") + " --kube-context kind-dev",
                HelmFixtures.calls(dir).getLast());
        assertTrue(!Files.exists(dir.resolve("bin/releases/web.web.revision")), "the recorded cluster no longer has it");
    }

    @Test
    @DisplayName("values that break the chart's values.schema.json are a build error at the element")
    void schema() {
        HelmFixtures.chart(project(HelmFixtures.stack("{ replicaCount: \"two\", image: { tag: 127 } }")));
        var problems = stack(dir).build(BuildInput.of(Path.of("infrastructure.tsx")), CancellationToken.NONE).problems();
        assertEquals(2, problems.size(), problems.toString());
        for (Problem p : problems) {
            assertEquals("helm-values-schema", p.code());
            assertEquals(6, p.source().line());
            assertEquals("web", p.resourceId());
        }
        String all = problems.toString();
        assertTrue(all.contains("replicaCount") && all.contains("integer"), all);
        assertTrue(all.contains("tag") && all.contains("string"), all);
    }

    @Test
    @DisplayName("helm's own error is the failure, and the rest of the stack is left as it was")
    void failure() throws Exception {
        var p = HelmFixtures.chart(project(HelmFixtures.stack("{ replicaCount: 2 }")));
        HelmFixtures.recordedHelm(dir);
        p.file("charts/web/FAIL", "timed out waiting for the condition");
        var report = deploy();
        assertEquals(DeployReport.Outcome.FAILED, report.outcome());
        var failed = report.failed().getFirst();
        assertEquals("web", failed.id());
        assertTrue(failed.reason().contains("helm upgrade --install failed (exit 1): Error: INSTALLATION FAILED: timed out waiting for the condition"),
                failed.reason());
        assertTrue(!Files.exists(dir.resolve("out/release.txt")), "what depends on the release did not run");
    }
}
