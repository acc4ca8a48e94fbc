package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.provider.OperationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code creact/docker} against a real dockerd: {@code scripts/test-docker} starts one as root with its own
 * data root and socket in a temporary folder and names the socket in {@code CREACT_TEST_DOCKER_HOST}; without
 * it this class is skipped. The image is built {@code FROM scratch} from Debian's static busybox, so no
 * registry is needed, and the container is busybox's httpd, asked over HTTP on its network address and on
 * its published port.
 */
@DisplayName("creact/docker against a real dockerd")
class DockerDaemonTest extends ApiSpec {
    private static final String HOST = System.getenv("CREACT_TEST_DOCKER_HOST");
    private static final String APP = """
            import { useInstance } from "creact";
            import { DockerContainer, DockerImage, DockerNetwork } from "creact/docker";
            export default function App() {
              const net = useInstance(DockerNetwork, { key: "net", name: "creact-test-net" });
              const image = useInstance(DockerImage, { key: "web-image", tag: "creact-test/web:1", context: "web" });
              useInstance(DockerContainer, {
                key: "web", name: "creact-test-web", image: image.outputs.id, network: net.outputs.name,
                command: ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"], ports: ["127.0.0.1:0:8080"],
                env: { GREETING: "hello" }, restart: "no",
              });
              return null;
            }
            """;

    private DockerEngine docker;

    @BeforeEach
    void daemon() {
        Assumptions.assumeTrue(HOST != null && !HOST.isBlank(),
                "skipped: CREACT_TEST_DOCKER_HOST is not set (scripts/test-docker starts a dockerd and sets it)");
        docker = new DockerEngine(HOST);
    }

    @AfterEach
    void closeDocker() {
        if (docker != null) {
            docker.close();
        }
    }

    private TestProject app(String page) throws Exception {
        var p = project(APP).file("creact.config.json", "{\"providers\": {\"docker\": {\"host\": \"" + HOST
                + "\", \"stopTimeoutSeconds\": 1}}}");
        Path busybox = Path.of(System.getenv().getOrDefault("CREACT_TEST_BUSYBOX", "/bin/busybox"));
        Files.createDirectories(dir.resolve("web/www"));
        Files.copy(busybox, dir.resolve("web/busybox"), StandardCopyOption.REPLACE_EXISTING);
        p.file("web/Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\nCOPY www /www\n");
        p.file("web/www/index.html", page);
        p.file("web/www/draft.html", "never sent\n");
        p.file("web/.dockerignore", "# drafts stay out of the image\nwww/draft*\n");
        return p;
    }

    private DeployReport deploy() {
        return stack().deploy(input("test deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE, CancellationToken.NONE);
    }

    private JsonNode outputs(String id) {
        return stack().state().cloudDom().byId().get(id).outputs();
    }

    private static String get(String url) throws Exception {
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            Exception last = null;
            for (int i = 0; i < 50; i++) {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (java.io.IOException e) {
                    last = e;
                    Thread.sleep(100);
                }
            }
            throw new AssertionError("no answer from " + url, last);
        }
    }

    @Test
    @DisplayName("image built, container answering; a changed file replaces the image and its container; destroy removes all")
    void lifecycle() throws Exception {
        app("v1\n");
        var first = deploy();
        assertEquals(DeployReport.Outcome.DEPLOYED, first.outcome(), first.problems().toString());
        JsonNode image = outputs("web-image");
        JsonNode web = outputs("web");
        assertTrue(image.path("id").asText().startsWith("sha256:"), image.toString());
        assertEquals("creact-test/web:1", image.path("ref").asText());
        String ip = web.path("ipAddress").asText();
        assertFalse(ip.isEmpty(), web.toString());
        assertEquals("v1\n", get("http://" + ip + ":8080/index.html"));
        JsonNode port = web.path("ports").get(0);
        assertEquals(8080, port.path("container").asInt());
        assertEquals("v1\n", get("http://127.0.0.1:" + port.path("host").asInt() + "/index.html"));
        JsonNode container = docker.getOrNull("/containers/" + web.path("id").asText() + "/json", OperationContext.NONE);
        assertTrue(container.path("Config").path("Env").toString().contains("GREETING=hello"), container.toString());

        assertTrue(get("http://" + ip + ":8080/draft.html").contains("404"), "what .dockerignore names is not in the image");

        Files.writeString(dir.resolve("web/www/draft.html"), "an edited draft, still ignored\n");
        assertEquals(DeployReport.Outcome.NO_CHANGES, deploy().outcome(), "nothing changed (but an ignored file), nothing to do");

        Files.writeString(dir.resolve("web/www/index.html"), "v2\n");
        var second = deploy();
        assertEquals(DeployReport.Outcome.DEPLOYED, second.outcome(), second.problems().toString());
        JsonNode image2 = outputs("web-image");
        JsonNode web2 = outputs("web");
        assertNotEquals(image.path("id").asText(), image2.path("id").asText(), "the image was rebuilt");
        assertNotEquals(web.path("id").asText(), web2.path("id").asText(), "the container was replaced");
        assertEquals("v2\n", get("http://" + web2.path("ipAddress").asText() + ":8080/index.html"));
        assertNull(docker.getOrNull("/containers/" + web.path("id").asText() + "/json", OperationContext.NONE),
                "the old container is removed");
        assertNull(docker.getOrNull("/images/" + image.path("id").asText() + "/json", OperationContext.NONE),
                "the old image is removed with its container");
        assertEquals(DeployReport.Outcome.NO_CHANGES, deploy().outcome(), "converged");

        var gone = stack().destroy(input("test destroy"), PlanOptions.NONE, Approval.ALWAYS, DeployEvent.Listener.NONE,
                CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, gone.outcome(), gone.problems().toString());
        assertNull(docker.getOrNull("/containers/" + web2.path("id").asText() + "/json", OperationContext.NONE),
                "destroy stops and removes the container");
        assertNull(docker.getOrNull("/images/" + image2.path("id").asText() + "/json", OperationContext.NONE),
                "destroy removes the image");
        assertNull(docker.getOrNull("/networks/creact-test-net", OperationContext.NONE), "destroy removes the network");
    }

    @Test
    @DisplayName("a container deleted behind creact's back reads as gone; a build error names the daemon's message")
    void driftAndErrors() throws Exception {
        app("v1\n");
        assertEquals(DeployReport.Outcome.DEPLOYED, deploy().outcome());
        String id = outputs("web").path("id").asText();
        docker.call(org.eclipse.jetty.http.HttpMethod.DELETE, "/containers/" + id + "?force=1", OperationContext.NONE);
        try (var provider = new DockerPlugin().open(new dev.creact.engine.provider.ProviderContext(dir,
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.creact.engine.model.Json.mapper()
                        .readTree("{\"host\": \"" + HOST + "\"}")))) {
            var node = stack().state().cloudDom().byId().get("web");
            var read = provider.read(new dev.creact.engine.provider.ResourceRequest("web", "docker:Container",
                    node.props(), node.outputs(), null, dir));
            assertTrue(read.isEmpty(), "read says the container is gone");
        }

        Files.writeString(dir.resolve("web/Dockerfile"), "FROM scratch\nCOPY no-such-file /x\n");
        var broken = deploy();
        assertEquals(DeployReport.Outcome.FAILED, broken.outcome());
        String message = broken.failed().toString();
        assertTrue(message.contains("no-such-file"), message);

        var gone = stack().destroy(input("test destroy"), PlanOptions.NONE, Approval.ALWAYS, DeployEvent.Listener.NONE,
                CancellationToken.NONE);
        assertEquals(DeployReport.Outcome.DEPLOYED, gone.outcome(), gone.problems().toString());
        assertNotNull(docker.getOrNull("/version", OperationContext.NONE));
    }
}
