package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("State sync server: protocol over real sockets")
class StateSyncServerTest {
    static final String TOKEN = SyncToken.generate();
    StateSyncServer server;

    StateSyncServer start(StateSource source) {
        server = StateSyncServer.start(new StateSyncServer.Settings("127.0.0.1", 0, TOKEN, List.of(), 10_000, 32L << 20),
                source, OutputRedaction.NONE);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static StackUpdate applied(String stack, int i, String value) {
        return new StackUpdate(stack, DeploymentStatus.APPLYING, 0, false,
                List.of(new ResourceState("r" + i, "mock:Resource", ResourceStatus.DEPLOYED, null, FakeSource.outputs("id", value))),
                List.of(), null, new StackUpdate.ChangeInProgress("r" + i, "update"), "d1", null, null);
    }

    @Test
    @DisplayName("a new subscriber gets the whole current state at once")
    void snapshotOnSubscribe() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 3)));
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            JsonNode first = client.next();
            assertEquals("state_update", first.path("type").asText());
            assertEquals(StateSyncProtocol.SCHEMA_VERSION, first.path("schemaVersion").asInt());
            assertTrue(first.path("full").asBoolean());
            assertEquals("DEPLOYED", first.path("status").asText());
            assertEquals(3, first.path("resources").size());
            assertEquals("r1-id", first.path("resources").get(1).path("outputs").path("id").asText());
            assertEquals("r2-id", first.path("outputs").path("r2").path("id").asText());
        }
    }

    @Test
    @DisplayName("updates arrive in the order published, with serials increasing by one, carrying only what changed")
    void orderedDeltas() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 10)));
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            long serial = client.next().path("serial").asLong();
            for (int k = 0; k < 500; k++) {
                server.publish(applied("dev", k % 10, "v" + k));
            }
            for (int k = 0; k < 500; k++) {
                JsonNode m = client.next();
                assertEquals(serial + 1, m.path("serial").asLong(), "serials increase by one");
                serial = m.path("serial").asLong();
                assertFalse(m.path("full").asBoolean());
                assertEquals(1, m.path("resources").size(), "a delta carries only the changed resource");
                assertEquals("v" + k, m.path("resources").get(0).path("outputs").path("id").asText());
                assertEquals("APPLYING", m.path("status").asText());
            }
        }
    }

    @Test
    @DisplayName("an update that changes nothing sends nothing; a full update sends only the difference")
    void fullUpdatesBecomeDeltas() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 5)));
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            client.next();
            server.publish(FakeSource.deployed("dev", 5)); // the same state again
            var changed = new ArrayList<>(FakeSource.deployed("dev", 4).resources());
            changed.set(2, changed.get(2).withOutputs(FakeSource.outputs("id", "new")));
            var outputs = FakeSource.deployed("dev", 4).outputs();
            server.publish(new StackUpdate("dev", DeploymentStatus.DEPLOYED, 2, true, changed, List.of(), outputs,
                    null, null, null, null));
            JsonNode m = client.next();
            assertEquals(2, m.path("serial").asLong(), "the repeated state gave no message");
            assertEquals(1, m.path("resources").size());
            assertEquals("r2", m.path("resources").get(0).path("id").asText());
            assertEquals("new", m.path("resources").get(0).path("outputs").path("id").asText());
            assertEquals(List.of("r4"), List.of(m.path("removed").get(0).asText()));
            assertEquals(2, m.path("stateSerial").asLong());
            assertTrue(m.has("outputs"), "the stack outputs changed (r4 left)");
        }
    }

    @Test
    @DisplayName("an operation that starts keeps the resource's outputs; deletes come as removed ids")
    void startedKeepsOutputs() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 2)));
        try (var client = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            client.next();
            server.publish(StackUpdates.started("dev", "d1", "r1", "mock:Resource", "update"));
            server.publish(StackUpdates.deleted("dev", "d1", "r0", "delete"));
            JsonNode started = client.next();
            assertEquals("APPLYING", started.path("resources").get(0).path("status").asText());
            assertEquals("update", started.path("resources").get(0).path("action").asText());
            assertEquals("r1-id", started.path("resources").get(0).path("outputs").path("id").asText());
            assertEquals("r1", started.path("change").path("id").asText());
            JsonNode deleted = client.next();
            assertEquals("r0", deleted.path("removed").get(0).asText());
            assertEquals(0, deleted.path("resources").size());
        }
    }

    @Test
    @DisplayName("a subscriber that comes later gets the state as it is then, and an unsubscribed one gets nothing more")
    void lateSubscriberAndUnsubscribe() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 3)));
        try (var early = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            early.next();
            server.publish(applied("dev", 1, "changed"));
            early.next();
            try (var late = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
                JsonNode first = late.next();
                assertTrue(first.path("full").asBoolean());
                assertEquals(2, first.path("serial").asLong());
                assertEquals("changed", first.path("resources").get(1).path("outputs").path("id").asText());
            }
            early.unsubscribe("dev").subscribe("other");
            JsonNode error = early.next();
            assertEquals("error", error.path("type").asText());
            assertEquals(StateSyncProtocol.UNKNOWN_STACK, error.path("code").asText());
            server.publish(applied("dev", 2, "after"));
            early.send("{\"type\":\"subscribe\",\"stack\":\"../etc\"}");
            JsonNode invalid = early.next();
            assertEquals(StateSyncProtocol.INVALID_STACK, invalid.path("code").asText(), "no update came in between: " + invalid);
        }
    }

    @Test
    @DisplayName("a message the server does not understand gets an error naming what to send")
    void badMessages() throws Exception {
        start(new FakeSource());
        try (var client = SyncTestClient.connect(server, TOKEN)) {
            client.send("not json");
            client.send("{\"type\":\"watch\",\"stack\":\"dev\"}");
            for (int i = 0; i < 2; i++) {
                JsonNode m = client.next();
                assertEquals(StateSyncProtocol.BAD_MESSAGE, m.path("code").asText());
                assertTrue(m.path("message").asText().contains("subscribe"), m.toString());
            }
        }
    }

    @Test
    @DisplayName("REST: the list of stacks and a stack's snapshot; an unknown stack is a 404 with an error document")
    void rest() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 2)).with(FakeSource.deployed("prod", 1)));
        var list = SyncTestClient.get(server.httpUrl() + "/v1/stacks", "Authorization", "Bearer " + TOKEN);
        assertEquals(200, list.statusCode());
        JsonNode stacks = Json.read(list.body(), JsonNode.class).path("stacks");
        assertEquals("dev", stacks.get(0).path("stack").asText());
        assertEquals(2, stacks.get(0).path("resourceCount").asInt());
        assertEquals("prod", stacks.get(1).path("stack").asText());
        var state = SyncTestClient.get(server.httpUrl() + "/v1/stacks/dev/state?token=" + TOKEN);
        assertEquals(200, state.statusCode());
        assertEquals("application/json", state.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(2, Json.read(state.body(), JsonNode.class).path("resources").size());
        var missing = SyncTestClient.get(server.httpUrl() + "/v1/stacks/nope/state", "Authorization", "Bearer " + TOKEN);
        assertEquals(404, missing.statusCode());
        assertEquals(StateSyncProtocol.UNKNOWN_STACK, Json.read(missing.body(), JsonNode.class).path("code").asText());
    }

    @Test
    @DisplayName("Server-Sent Events: the snapshot first, then each update as an event whose id is its serial")
    void serverSentEvents() throws Exception {
        start(new FakeSource().with(FakeSource.deployed("dev", 2)));
        var request = HttpRequest.newBuilder(URI.create(server.httpUrl() + "/v1/stacks/dev/events"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").GET().build();
        var response = SyncTestClient.HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var first = SseEvents.next(reader);
            assertEquals("state_update", first.event());
            assertEquals("1", first.id());
            assertTrue(Json.read(first.data(), JsonNode.class).path("full").asBoolean());
            server.publish(applied("dev", 0, "sse"));
            var second = SseEvents.next(reader);
            assertEquals("2", second.id());
            assertEquals("sse", Json.read(second.data(), JsonNode.class).path("resources").get(0).path("outputs").path("id").asText());
        }
        var invalid = SyncTestClient.get(server.httpUrl() + "/v1/stacks/bad..name/events", "Authorization", "Bearer " + TOKEN,
                "Accept", "text/event-stream");
        assertEquals(400, invalid.statusCode(), "an invalid stack is refused before the stream starts");
        assertEquals(StateSyncProtocol.INVALID_STACK, Json.read(invalid.body(), JsonNode.class).path("code").asText());
    }
}
