package dev.creact.provider.aws;

import dev.creact.localcloud.LocalAwsServers;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * creact/aws end to end through the engine's API against real S3- and SQS-compatible servers (s3proxy and
 * ElasticMQ, started by {@link LocalAwsServers}): create, update, drift behind creact's back, delete. What
 * exists is checked with a separate SDK client, never through creact.
 */
@DisplayName("creact/aws against s3proxy and ElasticMQ")
class AwsS3SqsSpecTest extends ApiSpec {
    private static LocalAwsServers servers;
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void startServers() throws Exception {
        servers = LocalAwsServers.start();
        s3 = S3Client.builder().region(Region.US_EAST_1).endpointOverride(servers.s3Endpoint()).forcePathStyle(true)
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
        sqs = SqsClient.builder().region(Region.US_EAST_1).endpointOverride(servers.sqsEndpoint())
                .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }

    @AfterAll
    static void stopServers() throws Exception {
        s3.close();
        sqs.close();
        servers.close();
    }

    private String bucket;
    private String queue;

    @BeforeEach
    void names() {
        String unique = Long.toString(System.nanoTime(), 36);
        bucket = "creact-" + unique;
        queue = "jobs-" + unique;
    }

    @AfterEach
    void cleanUp() {
        // a failed test leaves nothing for the next one
        try {
            s3.listObjectsV2(b -> b.bucket(bucket)).contents().forEach(o -> s3.deleteObject(d -> d.bucket(bucket).key(o.key())));
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException ignored) {
        }
    }

    private String stack(String content, int visibility) {
        return """
                import { useInstance } from "creact";
                import { S3Bucket, S3Object, SqsQueue } from "creact/aws";

                export default function App() {
                  const site = useInstance(S3Bucket, { key: "site", bucket: "%s" });
                  useInstance(S3Object, { key: "index", bucket: site.outputs.name, objectKey: "index.html",
                    content: "%s", contentType: "text/html" });
                  useInstance(SqsQueue, { key: "jobs", name: "%s", visibilityTimeout: %d });
                  return null;
                }
                """.formatted(bucket, content, queue, visibility);
    }

    private DeployReport deploy() {
        return stack(dir).deploy(input("test deploy"), Approval.ALWAYS, e -> { }, CancellationToken.NONE);
    }

    private Plan plan() {
        var result = stack(dir).plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE, CancellationToken.NONE);
        assertTrue(result.ok(), () -> result.problems().toString());
        return result.plan();
    }

    private String object() {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key("index.html")).asUtf8String();
    }

    private String visibility(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"))
                .attributesAsStrings().get("VisibilityTimeout");
    }

    @Test
    @DisplayName("a bucket, an object and a queue: created, updated in place, deleted behind creact's back and recreated, destroyed")
    void lifecycle() {
        project(stack("<h1>one</h1>", 30)).file("creact.config.json", servers.config());

        DeployReport created = deploy();
        assertTrue(created.ok(), created.toString());
        var state = created.state().byId();
        assertEquals("arn:aws:s3:::" + bucket, state.get("site").outputs().path("arn").asText());
        assertEquals(bucket + ".s3.us-east-1.amazonaws.com", state.get("site").outputs().path("regionalDomainName").asText());
        assertEquals("<h1>one</h1>", object(), "the object is in the real server");
        assertEquals(servers.s3Endpoint() + "/" + bucket + "/index.html", state.get("index").outputs().path("url").asText(),
                "path-style URL on the endpoint");
        assertEquals("text/html", s3.headObject(b -> b.bucket(bucket).key("index.html")).contentType());
        String url = state.get("jobs").outputs().path("url").asText();
        assertEquals(url, sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl());
        assertTrue(state.get("jobs").outputs().path("arn").asText().endsWith(":" + queue), state.get("jobs").outputs().toString());
        assertEquals("30", visibility(url));
        assertTrue(plan().changeSet().isEmpty(), "a second plan is empty");

        project(stack("<h1>two</h1>", 45)).file("creact.config.json", servers.config());
        Plan changed = plan();
        assertEquals(2, changed.changeSet().updates().size(), changed.changeSet().toString());
        assertTrue(changed.changeSet().updates().stream().allMatch(c -> c.action() == Action.UPDATE));
        DeployReport updated = deploy();
        assertTrue(updated.ok(), updated.toString());
        assertEquals("<h1>two</h1>", object());
        assertEquals("45", visibility(url), "the visibility timeout was updated in place");
        assertEquals(url, updated.state().byId().get("jobs").outputs().path("url").asText(), "the same queue");

        // Drift: the object and the queue deleted behind creact's back; read says gone, a refresh recreates them.
        s3.deleteObject(b -> b.bucket(bucket).key("index.html"));
        sqs.deleteQueue(b -> b.queueUrl(url));
        assertThrows(QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName(queue)));
        var refreshed = stack(dir).plan(BuildInput.of(Path.of("infrastructure.tsx")), PlanOptions.NONE.withRefresh(true), CancellationToken.NONE);
        assertTrue(refreshed.ok(), () -> refreshed.problems().toString());
        var creates = refreshed.plan().changeSet().creates().stream().map(c -> c.id()).sorted().toList();
        assertEquals(java.util.List.of("index", "jobs"), creates, "read reports both gone: " + refreshed.plan().changeSet());

        project("export default function App() { return null; }").file("creact.config.json", servers.config());
        DeployReport destroyed = deploy();
        assertTrue(destroyed.ok(), destroyed.toString());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    @Test
    @DisplayName("read reports drift: a deleted bucket reads as gone, an overwritten object reads with its new content")
    void readReportsDrift() throws Exception {
        project(stack("<h1>one</h1>", 30)).file("creact.config.json", servers.config());
        DeployReport created = deploy();
        assertTrue(created.ok(), created.toString());
        var plugin = new AwsPlugin();
        try (var provider = plugin.open(new dev.creact.engine.provider.ProviderContext(dir,
                (com.fasterxml.jackson.databind.node.ObjectNode) dev.creact.engine.model.Json.mapper()
                        .readTree(servers.config()).path("providers").path("aws")))) {
            var index = created.state().byId().get("index");
            var request = new dev.creact.engine.provider.ResourceRequest("index", AwsPlugin.OBJECT, index.props(), index.outputs(), null, dir);
            assertTrue(provider.read(request).orElseThrow().observed() == null, "unchanged: nothing observed");
            s3.putObject(b -> b.bucket(bucket).key("index.html"), software.amazon.awssdk.core.sync.RequestBody.fromString("defaced"));
            assertEquals("defaced", provider.read(request).orElseThrow().observed().path("content").asText());

            s3.deleteObject(b -> b.bucket(bucket).key("index.html"));
            assertFalse(provider.read(request).isPresent(), "a deleted object reads as gone");
            var jobs = created.state().byId().get("jobs");
            var queueRequest = new dev.creact.engine.provider.ResourceRequest("jobs", AwsPlugin.QUEUE, jobs.props(), jobs.outputs(), null, dir);
            sqs.setQueueAttributes(b -> b.queueUrl(jobs.outputs().path("url").asText()).attributesWithStrings(Map.of("VisibilityTimeout", "99")));
            assertEquals(99, provider.read(queueRequest).orElseThrow().observed().path("visibilityTimeout").asInt(),
                    "a visibility timeout changed behind creact's back reads as found");
            var site = created.state().byId().get("site");
            var bucketRequest = new dev.creact.engine.provider.ResourceRequest("site", AwsPlugin.BUCKET, site.props(), site.outputs(), null, dir);
            assertTrue(provider.read(bucketRequest).isPresent());
            s3.deleteBucket(b -> b.bucket(bucket));
            assertFalse(provider.read(bucketRequest).isPresent(), "a deleted bucket reads as gone");
        }
    }

    @Test
    @DisplayName("a permanent AWS error fails the resource with AWS's code and message: deleting a bucket that is not empty")
    void permanentError() {
        project(stack("<h1>one</h1>", 30)).file("creact.config.json", servers.config());
        assertTrue(deploy().ok());
        s3.putObject(b -> b.bucket(bucket).key("stray.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("not creact's"));
        project("""
                import { useInstance } from "creact";
                import { SqsQueue } from "creact/aws";
                export default function App() { useInstance(SqsQueue, { key: "jobs", name: "%s", visibilityTimeout: 30 }); return null; }
                """.formatted(queue)).file("creact.config.json", servers.config());
        DeployReport failed = deploy();
        assertFalse(failed.ok());
        String text = failed.toString();
        assertTrue(text.contains("site (aws:s3:Bucket): delete: BucketNotEmpty"), text);
        assertTrue(text.contains("HTTP 409"), text);
        s3.deleteObject(b -> b.bucket(bucket).key("stray.txt"));
    }

    @Test
    @DisplayName("an S3 object's content from a Terraform module's output (the real terraform), updated when the output changes")
    void contentFromTerraformOutput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(terraformPresent(), "terraform is not on the PATH: the Terraform-to-S3 test is skipped");
        var p = project(terraformStack("blue")).file("creact.config.json", servers.config());
        p.file("modules/greeting/main.tf", """
                variable "colour" {
                  type = string
                }
                resource "terraform_data" "greeting" {
                  input = "hello in ${var.colour}"
                }
                output "greeting" {
                  value = terraform_data.greeting.output
                }
                """);
        DeployReport created = deploy();
        assertTrue(created.ok(), created.toString());
        assertEquals("hello in blue", object(), "the module's output is the object's content in S3");

        p.file("infrastructure.tsx", terraformStack("green"));
        DeployReport changed = deploy();
        assertTrue(changed.ok(), changed.toString());
        assertEquals("hello in green", object(), "a changed output updates the object");

        p.file("infrastructure.tsx", "export default function App() { return null; }");
        assertTrue(deploy().ok());
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket(bucket)));
    }

    private String terraformStack(String colour) {
        return """
                import { useInstance } from "creact";
                import { TerraformModule } from "creact/terraform";
                import { S3Bucket, S3Object } from "creact/aws";

                export default function App() {
                  const tf = useInstance(TerraformModule, { key: "greeting", source: "./modules/greeting", vars: { colour: "%s" } });
                  const site = useInstance(S3Bucket, { key: "site", bucket: "%s" });
                  useInstance(S3Object, { key: "index", bucket: site.outputs.name, objectKey: "index.html", content: tf.outputs.greeting });
                  return null;
                }
                """.formatted(colour, bucket);
    }

    private static boolean terraformPresent() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
