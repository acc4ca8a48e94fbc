package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("State sync server: who may connect, and what messages may hold")
class StateSyncSecurityTest {
    static final String TOKEN = SyncToken.generate();
    StateSyncServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start(StateSource source, OutputRedaction redaction, List<String> origins) {
        server = StateSyncServer.start(new StateSyncServer.Settings("127.0.0.1", 0, TOKEN, origins, 10_000, 32L << 20),
                source, redaction);
    }

    void start() {
        start(new FakeSource().with(FakeSource.deployed("dev", 1)), OutputRedaction.NONE, List.of());
    }

    static int handshakeStatus(Throwable refusal) {
        assertInstanceOf(WebSocketHandshakeException.class, refusal, "the handshake must be refused");
        return ((WebSocketHandshakeException) refusal).getResponse().statusCode();
    }

    @Test
    @DisplayName("it listens on 127.0.0.1 unless told otherwise")
    void loopbackByDefault() {
        var settings = StateSyncServer.Settings.of(dev.creact.engine.config.SyncConfig.DEFAULT, TOKEN);
        assertEquals("127.0.0.1", settings.host());
        start();
        assertTrue(server.httpUrl().startsWith("http://127.0.0.1:"));
    }

    @Test
    @DisplayName("without a token: REST, SSE and the WebSocket handshake are refused with 401")
    void noToken() throws Exception {
        start();
        var rest = SyncTestClient.get(server.httpUrl() + "/v1/stacks");
        assertEquals(401, rest.statusCode());
        assertEquals(StateSyncProtocol.UNAUTHORIZED, Json.read(rest.body(), JsonNode.class).path("code").asText());
        assertEquals(401, SyncTestClient.get(server.httpUrl() + "/v1/stacks/dev/events", "Accept", "text/event-stream").statusCode());
        assertEquals(401, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder(), server.webSocketUrl())));
    }

    @Test
    @DisplayName("with a wrong token: refused with 401, whichever way it is given")
    void wrongToken() throws Exception {
        start();
        String wrong = SyncToken.generate();
        assertEquals(401, SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + wrong).statusCode());
        assertEquals(401, SyncTestClient.get(server.httpUrl() + "/v1/stacks/dev/state?token=" + wrong).statusCode());
        assertEquals(401, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + wrong), server.webSocketUrl())));
        assertEquals(401, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder()
                .subprotocols(StateSyncProtocol.SUBPROTOCOL, StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX + wrong), server.webSocketUrl())));
        assertEquals(401, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder(),
                server.webSocketUrl() + "?token=" + wrong)));
    }

    @Test
    @DisplayName("a page from a foreign Origin is refused with 403 even with the right token")
    void foreignOrigin() throws Exception {
        start();
        var rest = SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + TOKEN,
                "Origin", "https://evil.example");
        assertEquals(403, rest.statusCode());
        assertEquals(StateSyncProtocol.FORBIDDEN_ORIGIN, Json.read(rest.body(), JsonNode.class).path("code").asText());
        assertEquals(403, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder()
                .header("Origin", "http://localhost.evil.example:5173")
                .subprotocols(StateSyncProtocol.SUBPROTOCOL, StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX + TOKEN), server.webSocketUrl())));
    }

    @Test
    @DisplayName("a page on this machine connects as a browser does: token as subprotocol, and the answer names only the protocol")
    void browserStyle() throws Exception {
        start();
        try (var client = SyncTestClient.connectAsBrowser(server, TOKEN, "http://localhost:5173").subscribe("dev")) {
            assertEquals(StateSyncProtocol.SUBPROTOCOL, client.subprotocol(), "the token must never be echoed back");
            assertEquals("state_update", client.next().path("type").asText());
        }
        var rest = SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + TOKEN,
                "Origin", "http://127.0.0.1:5173");
        assertEquals(200, rest.statusCode());
        assertEquals("http://127.0.0.1:5173", rest.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    @DisplayName("a token offered as the first subprotocol is refused, since the server would echo it")
    void tokenFirstRefused() {
        start();
        assertEquals(400, handshakeStatus(SyncTestClient.refusal(SyncTestClient.HTTP.newWebSocketBuilder()
                .subprotocols(StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX + TOKEN), server.webSocketUrl())));
    }

    @Test
    @DisplayName("origins in the configuration replace the default; an origin list entry must be an origin")
    void configuredOrigins() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 1)), OutputRedaction.NONE, List.of("https://dash.example.com"));
        assertEquals(200, SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + TOKEN,
                "Origin", "https://dash.example.com").statusCode());
        assertEquals(403, SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + TOKEN,
                "Origin", "http://localhost:5173").statusCode());
        var e = assertThrows(IllegalArgumentException.class, () -> new OriginPolicy(List.of("dash.example.com")));
        assertTrue(e.getMessage().contains("scheme://host"), e.getMessage());
    }

    @Test
    @DisplayName("the origin pattern with :* allows any port of that host and nothing else")
    void originPatterns() {
        var p = new OriginPolicy(OriginPolicy.LOCALHOST);
        assertTrue(p.allows("http://localhost:5173"));
        assertTrue(p.allows("http://localhost"));
        assertTrue(p.allows("http://[::1]:80"));
        assertTrue(p.allows(null), "no Origin: not a browser page");
        assertFalse(p.allows("http://localhost:5173.evil.example"));
        assertFalse(p.allows("http://localhost.evil.example"));
        assertFalse(p.allows("null"));
    }

    @Test
    @DisplayName("every output passes the redaction hook, in snapshots and in updates, whoever published them")
    void redaction() throws Exception {
        OutputRedaction masking = new OutputRedaction() {
            @Override
            public ObjectNode resourceOutputs(String stack, String id, String type, ObjectNode outputs) {
                ObjectNode copy = outputs.deepCopy();
                if (copy.has("password")) {
                    copy.put("password", "[redacted]");
                }
                return copy;
            }

            @Override
            public ObjectNode stackOutputs(String stack, ObjectNode outputs) {
                return JsonNodeFactory.instance.objectNode();
            }
        };
        var secretOutputs = FakeSource.outputs("id", "db", "password", "hunter2-secret");
        var source = new FakeSource().with(new StackUpdate("dev", dev.creact.engine.model.DeploymentStatus.DEPLOYED, 1, true,
                List.of(new ResourceState("db", "mock:Resource", ResourceStatus.DEPLOYED, null, secretOutputs)), List.of(),
                JsonNodeFactory.instance.objectNode().set("db", secretOutputs), null, null, null, null));
        start(source, masking, List.of());
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            var first = client.next();
            assertEquals("[redacted]", first.path("resources").get(0).path("outputs").path("password").asText());
            server.publish(StackUpdates.applied("dev", "d", new Node("db", List.of(), "mock:Resource", null, null,
                    FakeSource.outputs("id", "db", "password", "hunter2-secret-2"), null, null), "update"));
            client.next();
            var rest = SyncTestClient.get(server.httpUrl() + "/v1/stacks/dev/state", "Authorization", "Bearer " + TOKEN);
            for (String text : concat(client.raw, List.of(rest.body()))) {
                assertFalse(text.contains("hunter2"), "a redacted output reached a message: " + text);
            }
        }
    }

    @Test
    @DisplayName("an update built from a CloudDOM carries outputs only: a prop's value never reaches a message")
    void noProps() throws Exception {
        String secret = "sk_live_" + SyncToken.generate();
        ObjectNode props = JsonNodeFactory.instance.objectNode().put("apiKey", secret).put("path", "out/" + secret);
        var node = new Node("app.config", List.of("app"), "local:File", props, List.of(),
                FakeSource.outputs("sha256", "abc"), JsonNodeFactory.instance.objectNode().put("private", secret), null);
        var dom = new CloudDom(CloudDom.FORMAT_VERSION, "dev", List.of(node), Map.of());
        var update = StackUpdates.of("dev", dom, 3, null);
        assertFalse(update.toString().contains(secret), "the update itself holds no prop or provider state");
        start(new StateSource() {
            @Override
            public List<String> stacks() {
                return List.of("dev");
            }

            @Override
            public Optional<StackUpdate> snapshot(String stack) {
                return Optional.of(update);
            }
        }, OutputRedaction.NONE, List.of());
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            var m = client.next();
            assertEquals("abc", m.path("resources").get(0).path("outputs").path("sha256").asText());
            server.publish(StackUpdates.applied("dev", "d", node, "update"));
            server.publish(StackUpdates.of("dev", dom, 4, null));
            client.until(x -> x.path("stateSerial").asLong() == 4);
            for (String text : client.raw) {
                assertFalse(text.contains(secret), "a prop's value reached a message: " + text);
            }
        }
    }

    @Test
    @DisplayName("a token from CREACT_SYNC_TOKEN must be well formed; a generated one is 43 random url-safe characters")
    void tokens() {
        assertNotNull(SyncToken.resolve(java.nio.file.Path.of("/nonexistent"), Map.of()));
        assertEquals(43, SyncToken.generate().length());
        assertFalse(SyncToken.generate().equals(SyncToken.generate()));
        assertEquals("abcdefghijklmnop1234", SyncToken.resolve(java.nio.file.Path.of("/nonexistent"),
                Map.of(SyncToken.ENV, "abcdefghijklmnop1234")));
        var e = assertThrows(IllegalArgumentException.class, () -> SyncToken.resolve(java.nio.file.Path.of("/nonexistent"),
                Map.of(SyncToken.ENV, "short")));
        assertTrue(e.getMessage().contains(SyncToken.ENV));
        assertNull(SyncToken.matches("x".repeat(20), null) ? "" : null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
