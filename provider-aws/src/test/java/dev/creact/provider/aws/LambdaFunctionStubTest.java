package dev.creact.provider.aws;

import dev.creact.localcloud.LambdaStub;
import dev.creact.localcloud.LocalAwsServers;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * aws:lambda:Function through the engine against {@link LambdaStub}, a local HTTP stub of Lambda's API (there
 * is no Lambda-compatible server here): the test checks the requests the SDK sends (signed with the default
 * chain's keys for us-east-1/lambda, the JSON bodies), and how AWS errors are mapped.
 */
@DisplayName("creact/aws Lambda against a local HTTP stub of Lambda's API")
class LambdaFunctionStubTest extends ApiSpec {
    private LambdaStub stub;

    @BeforeAll
    static void credentials() {
        LocalAwsServers.useTestCredentials();
    }

    @BeforeEach
    void startStub() throws Exception {
        stub = new LambdaStub();
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private static String function(int memory, String image) {
        return """
                import { useInstance } from "creact";
                import { LambdaFunction } from "creact/aws";

                export default function App() {
                  useInstance(LambdaFunction, { key: "api", name: "orders-api", imageUri: "%s",
                    role: "arn:aws:iam::000000000000:role/orders", memoryMb: %d, timeoutS: 10,
                    environment: { STAGE: "dev" } });
                  return null;
                }
                """.formatted(image, memory);
    }

    private void write(String infrastructure) {
        project(infrastructure).file("creact.config.json", """
                {"providers": {"aws": {"region": "us-east-1", "endpoints": {"lambda": "%s"}}}}
                """.formatted(stub.endpoint()));
    }

    private DeployReport deploy() {
        return stack(dir).deploy(input("test deploy"), Approval.ALWAYS, e -> { }, CancellationToken.NONE);
    }

    @Test
    @DisplayName("create, update memory, update the image, delete: the SDK's requests are signed and carry the props")
    void lifecycle() {
        write(function(256, "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"));
        DeployReport created = deploy();
        assertTrue(created.ok(), created.toString());
        var api = created.state().byId().get("api").outputs();
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:orders-api", api.path("arn").asText());
        assertEquals("1", api.path("version").asText());

        var create = stub.seen().stream().filter(s -> s.method().equals("POST")).findFirst().orElseThrow();
        assertEquals("/2015-03-31/functions", create.path());
        assertTrue(create.authorization().startsWith("AWS4-HMAC-SHA256 Credential=" + LocalAwsServers.ACCESS_KEY + "/"),
                "signed with the default chain's key: " + create.authorization());
        assertTrue(create.authorization().contains("/us-east-1/lambda/aws4_request"), create.authorization());
        assertEquals("orders-api", create.body().path("FunctionName").asText());
        assertEquals("Image", create.body().path("PackageType").asText());
        assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1", create.body().path("Code").path("ImageUri").asText());
        assertEquals(256, create.body().path("MemorySize").asInt());
        assertEquals(10, create.body().path("Timeout").asInt());
        assertEquals("dev", create.body().path("Environment").path("Variables").path("STAGE").asText());
        assertTrue(create.body().path("Publish").asBoolean());

        write(function(512, "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1"));
        int before = stub.seen().size();
        assertTrue(deploy().ok());
        var afterMemory = stub.seen().subList(before, stub.seen().size());
        assertEquals(List.of("PUT /2015-03-31/functions/orders-api/configuration"),
                afterMemory.stream().map(s -> s.method() + " " + s.path()).toList(), "a memory change updates the configuration only");
        assertEquals(512, stub.functions().get("orders-api").path("MemorySize").asInt());

        write(function(512, "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:2"));
        before = stub.seen().size();
        DeployReport newImage = deploy();
        assertTrue(newImage.ok(), newImage.toString());
        var code = stub.seen().subList(before, stub.seen().size()).stream().filter(s -> s.path().endsWith("/code")).findFirst().orElseThrow();
        assertEquals("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:2", code.body().path("ImageUri").asText());
        assertEquals("2", newImage.state().byId().get("api").outputs().path("version").asText(), "a new image publishes a version");

        write("export default function App() { return null; }");
        assertTrue(deploy().ok());
        assertTrue(stub.functions().isEmpty(), "deleted");
        assertTrue(stub.seen().getLast().method().equals("DELETE"));
    }

    @Test
    @DisplayName("throttling is transient (the deployer tries again and succeeds); a validation error is permanent, with AWS's message")
    void errors() {
        write(function(256, "repo/orders:1"));
        stub.failNext(429, "TooManyRequestsException", "Rate exceeded");
        DeployReport throttled = deploy();
        assertTrue(throttled.ok(), "retried after the throttle: " + throttled);
        assertEquals(2, stub.seen().stream().filter(s -> s.method().equals("POST")).count(), "one throttled create, one that worked");

        write(function(100_000, "repo/orders:1"));
        DeployReport invalid = deploy();
        assertFalse(invalid.ok());
        assertTrue(invalid.failed().getFirst().reason().contains("memoryMb' must be a whole number from 128 to 10240"), invalid.toString());

        write(function(1024, "repo/orders:1"));
        stub.failNext(400, "InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda.");
        DeployReport refused = deploy();
        assertFalse(refused.ok());
        String reason = refused.failed().getFirst().reason();
        assertTrue(reason.contains("api (aws:lambda:Function): update: InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda. (HTTP 400"),
                reason);
        long updates = stub.seen().stream().filter(s -> s.path().endsWith("/configuration")).count();
        assertEquals(1, updates, "a permanent error is not retried");
    }
}
