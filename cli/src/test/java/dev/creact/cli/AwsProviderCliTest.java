package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aws provider plugin (module provider-aws) as the CLI ships it: listed by {@code creact info} with its
 * construct types and settings, its declarations written by {@code creact init}, its settings checked.
 * (Deploys against S3- and SQS-compatible servers are provider-aws's own tests.)
 */
@DisplayName("creact/aws in the CLI: info, init, settings")
class AwsProviderCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String all() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("creact info --json lists aws with its four construct types and its settings")
    void info() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), "export default function App() { return null; }\n");
        assertEquals(0, Main.run("info", "--json", "--no-color", "--project", dir.toString()), all());
        JsonNode aws = null;
        for (JsonNode p : Json.mapper().readTree(out.toString(StandardCharsets.UTF_8)).path("providers")) {
            if (p.path("name").asText().equals("aws")) {
                aws = p;
            }
        }
        assertTrue(aws != null, all());
        assertEquals("creact/aws", aws.path("module").asText());
        assertEquals("S3Bucket", aws.path("constructs").path("aws:s3:Bucket").asText());
        assertEquals("S3Object", aws.path("constructs").path("aws:s3:Object").asText());
        assertEquals("SqsQueue", aws.path("constructs").path("aws:sqs:Queue").asText());
        assertEquals("LambdaFunction", aws.path("constructs").path("aws:lambda:Function").asText());
        var settings = new ArrayList<String>();
        aws.path("settings").fieldNames().forEachRemaining(settings::add);
        assertEquals(List.of("endpoint", "endpoints", "forcePathStyle", "profile", "region"), settings.stream().sorted().toList());
        assertTrue(aws.path("settings").toString().toLowerCase().contains("region"), aws.toString());
    }

    @Test
    @DisplayName("creact init writes types/creact/aws.d.ts")
    void init() throws Exception {
        assertEquals(0, Main.run("init", dir.toString(), "--no-color"), all());
        String declarations = Files.readString(dir.resolve("types/creact/aws.d.ts"));
        assertTrue(declarations.contains("declare module \"creact/aws\""), declarations);
        assertTrue(declarations.contains("export const S3Object: Construct<S3ObjectProps, S3ObjectOutputs>;"), declarations);
    }

    @Test
    @DisplayName("a wrong endpoint and a setting that is not one are errors naming the setting, before anything runs")
    void badSettings() throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { SqsQueue } from "creact/aws";
                export default function App() { useInstance(SqsQueue, { key: "jobs", name: "jobs" }); return null; }
                """);
        Files.writeString(dir.resolve("creact.config.json"), "{\"providers\": {\"aws\": {\"endpoint\": \"ftp://example\"}}}");
        assertEquals(1, Main.run("deploy", "--auto-approve", "--no-color", "--project", dir.toString()));
        assertTrue(all().contains("providers.aws.endpoint must be an http:// or https:// URL with a host, not 'ftp://example'"), all());

        out.reset();
        err.reset();
        Files.writeString(dir.resolve("creact.config.json"), "{\"providers\": {\"aws\": {\"accessKeyId\": \"AKIA…\"}}}");
        assertEquals(1, Main.run("deploy", "--auto-approve", "--no-color", "--project", dir.toString()));
        assertTrue(all().contains("unknown setting 'accessKeyId' of provider 'aws'"), all());
        assertTrue(!Files.exists(dir.resolve(".creact/stacks/dev/state.json")), "nothing was deployed");
    }
}
