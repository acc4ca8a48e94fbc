package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import dev.creact.localcloud.LocalAwsServers;
import dev.creact.localcloud.LocalCloud;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/multi-provider} as its README runs it: the real {@code creact} command (a separate JVM)
 * against the local cloud ({@link LocalCloud}: s3proxy, ElasticMQ, the Lambda API stub, fabric8's
 * Kubernetes mock, started here on free ports) and, for the full run, a real dockerd that {@code
 * scripts/test-docker} starts and names in {@code CREACT_TEST_DOCKER_HOST}. Each cross-provider value is
 * checked at the far end: the Deployment's image in the Kubernetes API, the Lambda request the SDK sent,
 * the S3 object's body, the container's environment through the Docker API.
 */
@DisplayName("examples/multi-provider: AWS, Docker, Kubernetes and Terraform in one tree, on the local cloud")
class MultiProviderExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "multi-provider").toAbsolutePath().normalize();
    private static final String DOCKER = System.getenv("CREACT_TEST_DOCKER_HOST");
    private static final Pattern FINISHED = Pattern.compile("^\\s+([-+~±]) (\\S+) \\(\\d+ ms\\) \\[\\d+/\\d+]", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    @DisplayName("the example's creact.config.json is what scripts/local-cloud writes with its defaults")
    void configIsTheRunnersDefault() throws Exception {
        JsonNode committed = Json.mapper().readTree(Files.readString(EXAMPLE.resolve("creact.config.json")));
        JsonNode written = Json.mapper().readTree(LocalCloud.creactConfig(LocalCloud.Options.defaults()));
        assertEquals(written, committed);
    }

    @Test
    @DisplayName("creact info lists aws, docker, kubernetes and terraform with their construct types and settings; the example plans against the local cloud")
    void infoAndPlan() throws Exception {
        needsTerraform();
        try (var cloud = LocalCloud.start(LocalCloud.Options.freePorts(dir.resolve("cloud"), "unix://" + dir.resolve("no-docker.sock")))) {
            Path project = copyExample(cloud);
            var info = inProcess("info", "--json", "--no-color", "--project", project.toString());
            assertEquals(0, info.exitCode(), info.all());
            JsonNode providers = Json.mapper().readTree(info.stdout()).path("providers");
            Map<String, Set<String>> expected = Map.of(
                    "aws", Set.of("S3Bucket", "S3Object", "SqsQueue", "LambdaFunction"),
                    "docker", Set.of("DockerImage", "DockerNetwork", "DockerContainer"),
                    "kubernetes", Set.of("Namespace", "ConfigMap", "Secret", "Deployment", "Service", "KubernetesManifest"),
                    "terraform", Set.of("TerraformModule"));
            for (var e : expected.entrySet()) {
                JsonNode p = provider(providers, e.getKey());
                assertTrue(p != null, "creact info lists " + e.getKey() + "\n" + info.stdout());
                Set<String> constructs = new TreeSet<>();
                p.path("constructs").forEach(c -> constructs.add(c.isTextual() ? c.asText() : c.path("name").asText()));
                assertTrue(constructs.containsAll(e.getValue()), e.getKey() + ": " + constructs + "\n" + p);
            }
            for (String withSettings : List.of("aws", "docker", "kubernetes")) {
                assertTrue(provider(providers, withSettings).path("settings").size() > 0, withSettings + " lists its settings\n" + info.stdout());
            }

            var plan = inProcess("plan", "--no-color", "--project", project.toString());
            assertEquals(0, plan.exitCode(), plan.all());
            for (String id : List.of("app-image", "net", "orders", "worker", "ns", "web", "web-svc", "api", "page", "site", "index")) {
                assertTrue(Pattern.compile("\\+ " + Pattern.quote(id) + "\\b").matcher(plan.stdout()).find(), id + " is to be created\n" + plan.stdout());
            }
        }
    }

    @Test
    @DisplayName("deployed, planned again with no changes, destroyed in dependency order; every cross-provider value arrives")
    void endToEnd() throws Exception {
        Assumptions.assumeTrue(DOCKER != null && !DOCKER.isBlank(),
                "skipped: CREACT_TEST_DOCKER_HOST is not set (scripts/test-docker starts a dockerd and sets it)");
        needsTerraform();
        try (var cloud = LocalCloud.start(LocalCloud.Options.freePorts(dir.resolve("cloud"), DOCKER))) {
            Path project = copyExample(cloud);
            Path busybox = Path.of(System.getenv().getOrDefault("CREACT_TEST_BUSYBOX", "/bin/busybox"));
            Files.copy(busybox, project.resolve("app/busybox"), StandardCopyOption.REPLACE_EXISTING);

            boolean destroyed = false;
            try {
                var deploy = creact(project, "deploy", "--auto-approve");
                assertEquals(0, deploy.exitCode(), deploy.all());

                // Docker image ref -> Kubernetes Deployment and Lambda function
                String ref = stateOutputs(project, "app-image").path("ref").asText();
                assertEquals("creact-demo/app:1", ref);
                Deployment web = cloud.kubernetes().client().apps().deployments().inNamespace("creact-demo").withName("web").get();
                assertEquals(ref, web.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage(), "the Deployment runs the image's ref");
                var create = cloud.lambda().seen().stream().filter(s -> s.method().equals("POST")).findFirst().orElseThrow();
                assertEquals(ref, create.body().path("Code").path("ImageUri").asText(), "the Lambda create request carried the ref: " + create.body());
                assertEquals("Image", create.body().path("PackageType").asText());

                // Terraform output -> S3 object
                String html = stateOutputs(project, "page").path("html").asText();
                assertTrue(html.matches("(?s)<h1>creact multi-provider</h1>\n<p>rendered by terraform, build [0-9a-f-]{36}</p>\n"), html);
                try (var s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(cloud.aws().s3Endpoint()).forcePathStyle(true).build()) {
                    String body = s3.getObjectAsBytes(b -> b.bucket("creact-demo-site").key("index.html")).asUtf8String();
                    assertEquals(html, body, "the S3 object's body is the module's output");
                }

                // SQS queue URL -> the container's environment, read back through the Docker API
                String queueUrl = stateOutputs(project, "orders").path("url").asText();
                assertTrue(queueUrl.startsWith(cloud.aws().sqsEndpoint().toString()), queueUrl);
                String containerId = stateOutputs(project, "worker").path("id").asText();
                JsonNode container = dockerGet("/containers/" + containerId + "/json");
                assertTrue(container != null && container.path("State").path("Running").asBoolean(), "the container runs: " + container);
                List<String> env = new ArrayList<>();
                container.path("Config").path("Env").forEach(e -> env.add(e.asText()));
                assertTrue(env.contains("QUEUE_URL=" + queueUrl), env.toString());

                var again = creact(project, "plan", "--detailed-exitcode");
                assertEquals(0, again.exitCode(), "planned again: nothing to do\n" + again.all());
                assertTrue(again.stdout().contains("No changes"), again.all());

                var destroy = creact(project, "destroy", "--auto-approve");
                destroyed = true;
                checkDestroy(cloud, destroy, containerId, ref);
            } finally {
                if (!destroyed) {
                    // leave the shared daemon clean for the next run even when an assertion above failed
                    creact(project, "destroy", "--auto-approve");
                }
            }
        }
    }

    private static void checkDestroy(LocalCloud cloud, CreactProcess.Result destroy, String containerId, String ref) throws Exception {
        assertEquals(0, destroy.exitCode(), destroy.all());
        List<String> deleted = new ArrayList<>();
        var m = FINISHED.matcher(destroy.stdout());
        while (m.find()) {
            if (m.group(1).equals("-")) {
                deleted.add(m.group(2));
            }
        }
        assertEquals(11, deleted.size(), "every resource deleted: " + deleted + "\n" + destroy.all());
        before(deleted, "worker", "orders");
        before(deleted, "worker", "app-image");
        before(deleted, "worker", "net");
        before(deleted, "web", "app-image");
        before(deleted, "api", "app-image");
        before(deleted, "web", "ns");
        before(deleted, "index", "page");
        before(deleted, "index", "site");

        assertNull(dockerGet("/containers/" + containerId + "/json"), "the container is gone");
        assertNull(dockerGet("/images/" + ref + "/json"), "the image is gone");
        assertNull(cloud.kubernetes().client().apps().deployments().inNamespace("creact-demo").withName("web").get());
        assertTrue(cloud.lambda().functions().isEmpty(), "the function is gone");
        try (var sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(cloud.aws().sqsEndpoint()).build()) {
            assertTrue(sqs.listQueues().queueUrls().isEmpty(), "the queue is gone");
        }
    }

    private static void before(List<String> order, String first, String then) {
        assertTrue(order.indexOf(first) >= 0 && order.indexOf(first) < order.indexOf(then),
                first + " is deleted before " + then + ": " + order);
    }

    private static JsonNode provider(JsonNode providers, String name) {
        if (providers.isObject()) {
            return providers.get(name);
        }
        for (JsonNode p : providers) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return null;
    }

    private static void needsTerraform() {
        boolean present;
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            present = p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "terraform is not on the PATH: the example's Terraform module cannot run");
    }

    /** The example's files (not its busybox, state or outputs) with creact.config.json pointing at this cloud. */
    private Path copyExample(LocalCloud cloud) throws IOException {
        Path project = dir.resolve("multi-provider");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.toList()) {
                Path rel = EXAMPLE.relativize(f);
                if (rel.toString().startsWith(".creact") || rel.toString().startsWith("out") || rel.toString().equals("app/busybox")) {
                    continue;
                }
                Path to = project.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Files.writeString(project.resolve("creact.config.json"), cloud.creactConfig());
        return project;
    }

    /** {@code creact} in this JVM (cheaper than a process where only the output matters). */
    private static CreactProcess.Result inProcess(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var savedOut = System.out;
        var savedErr = System.err;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new CreactProcess.Result(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private static CreactProcess.Result creact(Path project, String... args) throws Exception {
        Path out = Files.createTempFile("creact-out", ".txt");
        Path err = Files.createTempFile("creact-err", ".txt");
        try {
            var pb = CreactProcess.builder(project, args).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("AWS_ACCESS_KEY_ID", LocalAwsServers.ACCESS_KEY);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", LocalAwsServers.SECRET_KEY);
            pb.environment().put("AWS_REGION", LocalCloud.REGION);
            var p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("creact " + String.join(" ", args) + " did not finish in 300 s\n" + Files.readString(out) + Files.readString(err));
            }
            return new CreactProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static JsonNode stateOutputs(Path project, String id) throws Exception {
        var shown = creact(project, "state", "show", id, "--json");
        assertEquals(0, shown.exitCode(), shown.all());
        return Json.mapper().readTree(shown.stdout()).path("resource").path("outputs");
    }

    /** GET on the Docker Engine API through curl's Unix-socket support; null on 404. */
    private static JsonNode dockerGet(String path) throws Exception {
        String socket = DOCKER.replaceFirst("^unix://", "");
        var p = new ProcessBuilder("curl", "-sS", "-w", "\n%{http_code}", "--unix-socket", socket, "http://docker" + path)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        int nl = out.lastIndexOf('\n');
        String code = out.substring(nl + 1).strip();
        if (code.equals("404")) {
            return null;
        }
        assertEquals("200", code, "docker GET " + path + ": " + out);
        return Json.mapper().readTree(out.substring(0, nl));
    }
}
