package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `creact serve` as a real process, with real `creact deploy` processes changing the stack beside it. */
@DisplayName("creact serve: state sync of a project, live while other processes deploy")
class ServeCommandTest {
    /** n MockResources with a little latency, resource i reading the output of i-10. */
    static String stack(int n, String salt) {
        var sb = new StringBuilder("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const r = [];
                """);
        for (int i = 0; i < n; i++) {
            String dep = i >= 10 ? ", parent: `${r[" + (i - 10) + "].outputs.id}`" : "";
            sb.append("  r.push(useInstance(MockResource, { key: \"r").append(i).append("\", latencyMs: 10, salt: \"")
                    .append(salt).append("\"").append(dep).append(" }));\n");
        }
        sb.append("  return null;\n}\n");
        return sb.toString();
    }

    static void project(Path dir, int n, String salt) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), stack(n, salt));
        Files.writeString(dir.resolve("creact.config.json"), "{ \"parallelism\": 4 }\n");
    }

    static void deploy(Path dir) throws Exception {
        var r = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertEquals(0, r.exitCode(), r.all());
    }

    static boolean settled(JsonNode m, long stateSerial) {
        return m.path("status").asText().equals("DEPLOYED") && m.path("stateSerial").asLong() >= stateSerial;
    }

    @Test
    @DisplayName("subscribed before a 200-resource deploy: it arrives resource by resource, serials rising by one, and adds up to the deployed state")
    void subscribeBeforeDeploy(@TempDir Path dir) throws Exception {
        project(dir, 200, "one");
        try (var serve = SyncServeProcess.start(dir); var client = serve.connect().subscribe("dev")) {
            var first = client.next();
            assertEquals("PENDING", first.path("status").asText(), "nothing deployed yet: " + first);
            assertEquals(0, first.path("resources").size());
            deploy(dir);
            var messages = new ArrayList<JsonNode>(List.of(first));
            messages.addAll(client.until(m -> settled(m, 1)));
            long serial = 0;
            for (JsonNode m : messages) {
                assertEquals(serial + 1, m.path("serial").asLong(), "no gap, no reordering");
                serial = m.path("serial").asLong();
            }
            var deployedOneByOne = new HashSet<String>();
            int during = 0;
            for (JsonNode m : messages.subList(0, messages.size() - 1)) {
                if (m.path("status").asText().equals("APPLYING")) {
                    during++;
                    m.path("resources").forEach(r -> {
                        if (r.path("status").asText().equals("DEPLOYED")) {
                            deployedOneByOne.add(r.path("id").asText());
                        }
                    });
                }
            }
            assertTrue(during > 5, "the deploy showed progress in more than a handful of messages: " + during);
            assertEquals(200, deployedOneByOne.size(), "every resource was reported deployed before the deploy ended");
            var replayed = SyncServeProcess.replay(messages);
            var state = new FileStateBackend(dir).read("dev").orElseThrow().cloudDom();
            assertEquals(200, replayed.size());
            for (Node n : state.allNodes()) {
                var r = replayed.get(n.id());
                assertEquals("DEPLOYED", r.path("status").asText());
                assertEquals(n.outputs(), r.path("outputs"), n.id());
            }
        }
    }

    @Test
    @DisplayName("subscribed after a deploy: the whole deployed state at once; a later deploy's change follows")
    void subscribeAfterDeploy(@TempDir Path dir) throws Exception {
        project(dir, 20, "one");
        deploy(dir);
        try (var serve = SyncServeProcess.start(dir); var client = serve.connect().subscribe("dev")) {
            var first = client.next();
            assertTrue(first.path("full").asBoolean());
            assertEquals("DEPLOYED", first.path("status").asText());
            assertEquals(20, first.path("resources").size());
            assertEquals("one", first.path("resources").get(0).path("outputs").path("salt").asText());
            project(dir, 20, "two");
            deploy(dir);
            var messages = new ArrayList<>(List.of(first));
            messages.addAll(client.until(m -> settled(m, 2)));
            var replayed = SyncServeProcess.replay(messages);
            assertEquals("two", replayed.get("r0").path("outputs").path("salt").asText());
            var rest = Json.read(serve.get("/v1/stacks/dev/state", "Authorization", "Bearer " + serve.token).body(), JsonNode.class);
            assertEquals(2, rest.path("stateSerial").asLong());
            assertEquals("two", rest.path("resources").get(5).path("outputs").path("salt").asText());
        }
    }

    @Test
    @DisplayName("the real server refuses no token, a wrong token and a foreign Origin; its token file is private")
    void refusals(@TempDir Path dir) throws Exception {
        project(dir, 1, "one");
        try (var serve = SyncServeProcess.start(dir)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".creact/sync.json"))));
            assertTrue(serve.url.startsWith("http://127.0.0.1:"), serve.url);
            assertEquals(401, serve.get("/v1/stacks").statusCode());
            assertEquals(401, serve.get("/v1/stacks", "Authorization", "Bearer wrong-token-0123456789").statusCode());
            assertEquals(403, serve.get("/v1/stacks", "Authorization", "Bearer " + serve.token, "Origin", "https://evil.example").statusCode());
            assertEquals(200, serve.get("/v1/stacks", "Authorization", "Bearer " + serve.token).statusCode());
            for (var builder : List.of(SyncServeProcess.HTTP.newWebSocketBuilder(),
                    SyncServeProcess.HTTP.newWebSocketBuilder().header("Authorization", "Bearer wrong-token-0123456789"),
                    SyncServeProcess.HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + serve.token)
                            .header("Origin", "https://evil.example"))) {
                var e = assertThrows(CompletionException.class,
                        () -> builder.buildAsync(URI.create(serve.ws), new WebSocket.Listener() {
                        }).join());
                assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            }
        }
    }

    @Test
    @DisplayName("after the server restarts, the same token works and a new connection gets the current state")
    void restart(@TempDir Path dir) throws Exception {
        project(dir, 5, "one");
        deploy(dir);
        String token;
        int port;
        try (var serve = SyncServeProcess.start(dir); var client = serve.connect().subscribe("dev")) {
            token = serve.token;
            port = serve.port;
            assertEquals(5, client.next().path("resources").size());
        }
        project(dir, 5, "two");
        deploy(dir); // while no server runs
        try (var serve = SyncServeProcess.start(dir, "--port", Integer.toString(port)); var client = serve.connect().subscribe("dev")) {
            assertEquals(token, serve.token, "the token in .creact/sync.json is kept");
            var first = client.next();
            assertEquals("two", first.path("resources").get(0).path("outputs").path("salt").asText());
        }
    }

    @Test
    @DisplayName("leak scan: a secret-like value in a prop appears in no WebSocket, SSE or REST message of a deploy")
    void leakScan(@TempDir Path dir) throws Exception {
        String secret = "sk_live_" + dev.creact.engine.sync.SyncToken.generate();
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { useInstance } from "creact";
                import { LocalFile, RandomId } from "creact/local";
                export default function App() {
                  const id = useInstance(RandomId, { key: "id", bytes: 4 });
                  useInstance(LocalFile, { key: "config", path: "out/app.env", content: "API_KEY=%s\\nID=${id.outputs.hex}" });
                  useInstance(LocalFile, { key: "second", path: "out/second.txt", content: "%s" });
                  return null;
                }
                """.formatted(secret, secret));
        try (var serve = SyncServeProcess.start(dir); var client = serve.connect().subscribe("dev")) {
            var request = HttpRequest.newBuilder(URI.create(serve.url + "/v1/stacks/dev/events?token=" + serve.token))
                    .header("Accept", "text/event-stream").GET().build();
            var sse = SyncServeProcess.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            client.next();
            deploy(dir);
            var messages = client.until(m -> settled(m, 1));
            var texts = new ArrayList<>(client.raw);
            texts.add(serve.get("/v1/stacks/dev/state", "Authorization", "Bearer " + serve.token).body());
            texts.add(serve.get("/v1/stacks", "Authorization", "Bearer " + serve.token).body());
            var lines = sse.join().body().iterator();
            var events = new ArrayList<String>();
            while (events.stream().noneMatch(l -> l.contains("\"DEPLOYED\"") && l.contains("\"stateSerial\":1"))) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    events.add(line);
                }
            }
            texts.addAll(events);
            assertTrue(SyncServeProcess.replay(messages).get("config").path("outputs").has("sha256"), "outputs do arrive");
            for (String text : texts) {
                assertFalse(text.contains(secret.substring(0, 20)), "a prop's value reached a sync message: " + text);
            }
        }
    }

    @Test
    @DisplayName("the standard-library Python client reads the snapshot, then follows a deploy through Server-Sent Events")
    void pythonClient(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(python3(), "python3 is not installed");
        project(dir, 20, "one");
        deploy(dir);
        Path script = Path.of("..", "examples", "python-client", "creact_state.py").toAbsolutePath().normalize();
        try (var serve = SyncServeProcess.start(dir)) {
            var once = new ProcessBuilder("python3", script.toString(), "--project", dir.toString(), "--once", "--json")
                    .redirectErrorStream(true).start();
            String snapshot = new String(once.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, once.waitFor(), snapshot);
            var first = Json.read(snapshot, JsonNode.class);
            assertEquals("DEPLOYED", first.path("status").asText());
            assertEquals(20, first.path("resources").size());

            Path log = dir.resolve("python.log");
            var follow = new ProcessBuilder("python3", script.toString(), "--project", dir.toString(), "--json",
                    "--until-state-serial", "2").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                while (Files.readString(log).isEmpty()) { // it printed the snapshot: it is following the stream
                    Thread.sleep(50);
                }
                project(dir, 20, "two");
                deploy(dir);
                assertTrue(follow.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "it ends once the deploy ended");
                assertEquals(0, follow.exitValue(), Files.readString(log));
                var lines = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
                assertTrue(lines.size() > 2, "it printed updates while the deploy ran: " + lines.size());
                var last = Json.read(lines.getLast(), JsonNode.class);
                assertEquals("DEPLOYED", last.path("status").asText());
                assertEquals(2, last.path("stateSerial").asLong());
                for (JsonNode r : last.path("resources")) {
                    assertEquals("two", r.path("outputs").path("salt").asText(), r.toString());
                }
            } finally {
                follow.destroyForcibly();
            }
            var refused = new ProcessBuilder("python3", script.toString(), "--url", serve.url, "--token", "wrong-token-0123456789", "--once")
                    .redirectErrorStream(true).start();
            String out = new String(refused.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, refused.waitFor());
            assertTrue(out.contains("401") && out.contains("wrong token"), out);
        }
    }

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @DisplayName("turned off in the configuration, creact serve says so and exits 1")
    void disabled(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("creact.config.json"), "{ \"sync\": { \"enabled\": false } }\n");
        var r = CreactProcess.run(dir, "serve", "--port", "0");
        assertEquals(1, r.exitCode());
        assertTrue(r.all().contains("state sync is turned off"), r.all());
        Files.writeString(dir.resolve("creact.config.json"), "{ \"sync\": { \"prot\": 1 } }\n");
        var typo = CreactProcess.run(dir, "serve", "--port", "0");
        assertEquals(1, typo.exitCode());
        assertTrue(typo.all().contains("unknown setting 'sync.prot'") && typo.all().contains("port"), typo.all());
    }
}
