package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.creact.engine.ApiSpec;
import dev.creact.engine.api.Approval;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build arg holding a secret, through the engine against a stand-in Engine API (the JDK's HTTP server on
 * a loopback port, answering {@code /build} as dockerd does: a JSON stream whose {@code stream} pieces are cut
 * wherever the build step's writes were) that echoes the arg, as {@code RUN echo $TOKEN} does: the value
 * must not appear in any event, file under {@code .creact} or error, whole, cut in two or URL-encoded.
 */
@DisplayName("creact/docker: a secret a build echoes is redacted in its output and errors")
class DockerBuildRedactionTest extends ApiSpec {
    /** '+', '/' and '=' change under URL encoding, so an encoded copy would get past the redaction. */
    static final String TOKEN = "tok+9f/3e=2a71c4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = """
            import { useInstance, secret } from "creact";
            import { DockerImage } from "creact/docker";
            export default function App() {
              useInstance(DockerImage, { key: "img", tag: "creact-test/echo:1", context: "app", buildArgs: { TOKEN: secret("BUILD_TOKEN") } });
              return null;
            }
            """;

    private HttpServer server;
    private volatile String mode = "echo";
    private final List<String> buildArgsSeen = Collections.synchronizedList(new ArrayList<>());
    private final List<DeployEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void key() {
        System.setProperty("creact.encryptionKey", Base64.getEncoder().encodeToString(new byte[32]));
    }

    @AfterAll
    static void noKey() {
        System.clearProperty("creact.encryptionKey");
    }

    @BeforeEach
    void engine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().unstarted(r)));
        var labels = new java.util.concurrent.atomic.AtomicReference<String>("{}");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getRequestBody().readAllBytes();
            if (path.equals("/build")) {
                String args = param(query, "buildargs");
                buildArgsSeen.add(args);
                labels.set(param(query, "labels"));
                String token = JSON.readTree(args).path("TOKEN").asText();
                build(exchange, token);
            } else if (path.startsWith("/images/") && path.endsWith("/json")) {
                var image = JsonNodeFactory.instance.objectNode().put("Id", "sha256:" + "ab".repeat(32));
                image.putArray("RepoDigests");
                image.putObject("Config").set("Labels", JSON.readTree(labels.get()));
                answer(exchange, 200, image.toString());
            } else {
                answer(exchange, 404, "{\"message\":\"no such thing: " + path + "\"}");
            }
        });
        server.start();
    }

    @AfterEach
    void stopEngine() {
        server.stop(0);
    }

    /** What dockerd's classic builder streams for {@code RUN echo $TOKEN}: the echo arrives cut in two, then whole. */
    private void build(HttpExchange exchange, String token) throws IOException {
        if (mode.equals("hang")) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ignored) {
                // the test is over
            }
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            int cut = token.length() / 2;
            var events = new ArrayList<String>(List.of(
                    stream("Step 1/2 : FROM scratch\n"),
                    stream("Step 2/2 : RUN echo $TOKEN\n"),
                    stream(" ---> Running in 4f2a\n"),
                    stream(token.substring(0, cut)),
                    stream(token.substring(cut) + "\n"),
                    stream("and again: " + token + "\n")));
            if (mode.equals("fail")) {
                var error = JsonNodeFactory.instance.objectNode();
                String message = "The command '/bin/sh -c echo " + token + " && exit 3' returned a non-zero code: 3";
                error.putObject("errorDetail").put("code", 3).put("message", message);
                error.put("error", message);
                events.add(error.toString());
            } else {
                events.add(stream("Successfully built abababababab\n"));
                events.add("{\"aux\":{\"ID\":\"sha256:" + "ab".repeat(32) + "\"}}");
            }
            for (String e : events) {
                out.write((e + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static String stream(String text) {
        return JsonNodeFactory.instance.objectNode().put("stream", text).toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String param(String query, String name) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (part.substring(0, eq).equals(name)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void app() throws IOException {
        project(APP).file("creact.config.json", "{\"providers\": {\"docker\": {\"host\": \"tcp://127.0.0.1:"
                        + server.getAddress().getPort() + "\"}}}")
                .file("app/Dockerfile", "FROM scratch\nARG TOKEN\nRUN echo $TOKEN\n");
        stack().secrets().set("BUILD_TOKEN", TOKEN);
    }

    private DeployReport deploy() {
        return stack().deploy(input("test deploy"), Approval.ALWAYS, events::add, CancellationToken.NONE);
    }

    /** Every place the token shows: whole, either half of its cut, URL-encoded or in base64. */
    private List<String> leaks(String more) throws IOException {
        var forms = List.of(TOKEN, TOKEN.substring(0, TOKEN.length() / 2), TOKEN.substring(TOKEN.length() / 2),
                URLEncoder.encode(TOKEN, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
        var texts = new java.util.LinkedHashMap<String, String>();
        try (var files = Files.walk(dir.resolve(".creact"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.put(dir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        for (var e : List.copyOf(events)) {
            texts.put("event " + e.getClass().getSimpleName(), Json.write(e) + e);
        }
        texts.put("report", more);
        var hits = new ArrayList<String>();
        texts.forEach((where, text) -> forms.forEach(f -> {
            if (text.contains(f)) {
                hits.add(where + " holds " + f);
            }
        }));
        return hits;
    }

    private List<String> notes() {
        return events.stream().filter(DeployEvent.Note.class::isInstance).map(e -> ((DeployEvent.Note) e).message()).toList();
    }

    @Test
    @DisplayName("the build's output echoing the build arg (even cut across stream pieces) shows (secret), nowhere the value")
    void echoedOutput() throws Exception {
        app();
        var report = deploy();
        assertEquals(DeployReport.Outcome.DEPLOYED, report.outcome(), report.problems() + " " + report.failed());
        assertEquals(1, buildArgsSeen.size());
        assertEquals(TOKEN, JSON.readTree(buildArgsSeen.getFirst()).path("TOKEN").asText(), "the daemon got the value");
        var notes = notes();
        assertTrue(notes.stream().anyMatch(n -> n.endsWith("creact-test/echo:1: (secret)")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.endsWith("and again: (secret)")), notes.toString());
        assertEquals(List.of(), leaks(report.toString()));
    }

    @Test
    @DisplayName("a failed build whose error quotes the command with the value fails with (secret) in its message")
    void echoedError() throws Exception {
        mode = "fail";
        app();
        var report = deploy();
        assertEquals(DeployReport.Outcome.FAILED, report.outcome());
        String failed = report.failed().toString();
        assertTrue(failed.contains("echo (secret) && exit 3"), failed);
        assertEquals(List.of(), leaks(report.toString()));
    }

    @Test
    @DisplayName("a build that does not answer in time says so without its query, whose build args are URL-encoded")
    void timeoutNamesNoQuery() throws Exception {
        mode = "hang";
        Path tar = Files.createTempFile(dir, "context", ".tar");
        String query = "?t=x&buildargs=" + URLEncoder.encode("{\"TOKEN\":\"" + TOKEN + "\"}", StandardCharsets.UTF_8);
        try (var engine = new DockerEngine("tcp://127.0.0.1:" + server.getAddress().getPort())) {
            var e = assertThrows(ProviderException.class, () -> engine.postStream("/build" + query, tar, "application/x-tar",
                    OperationContext.within(CancellationToken.NONE, Duration.ofMillis(300)), line -> { }));
            assertTrue(e.getMessage().contains("/build did not answer in time"), e.getMessage());
            assertFalse(e.getMessage().contains("buildargs") || e.getMessage().contains(URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)),
                    e.getMessage());
        }
    }

    @Test
    @DisplayName("stream pieces are joined into whole lines; blank lines are dropped")
    void streamLines() {
        var out = new ArrayList<String>();
        var lines = new DockerEngine.StreamLines(out::add);
        lines.add("Step 1/1 : RUN x\n");
        lines.add("ab");
        lines.add("cd\n\nef");
        lines.add("\n");
        lines.add("tail without newline");
        lines.flush();
        assertEquals(List.of("Step 1/1 : RUN x", "abcd", "ef", "tail without newline"), out);
    }
}
