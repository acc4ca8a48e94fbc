package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `creact dev --sync`: a real dev process serves the state it deploys, and a real WebSocket client follows each save. */
@DisplayName("creact dev --sync serves each save's deploy live")
class DevSyncTest {
    static String stack(String message) {
        return """
                import { useInstance, useStackOutputs } from "creact";
                import { LocalFile } from "creact/local";
                export default function App() {
                  const f = useInstance(LocalFile, { key: "note", path: "out/note.txt", content: "MESSAGE" });
                  useStackOutputs({ message: "MESSAGE", sha: f.outputs.sha256 });
                  return null;
                }
                """.replace("MESSAGE", message);
    }

    static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("a subscriber gets the deployed state at once, then the stack outputs of the next save without asking again")
    void followsSaves(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), stack("first"));
        Files.writeString(dir.resolve("creact.config.json"), "{ \"sync\": { \"port\": 0 } }\n");
        Process dev = CreactProcess.start(dir, dir.resolve("dev.log"), "dev", "--sync", "--auto-approve");
        try {
            Path file = dir.resolve(".creact/sync.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            JsonNode endpoint = null;
            while (System.nanoTime() < deadline && endpoint == null) {
                assertTrue(dev.isAlive(), Files.readString(dir.resolve("dev.log")));
                if (Files.exists(file) && Files.readString(dir.resolve("dev.log")).contains("watching")) {
                    var doc = Json.mapper().readTree(Files.readString(file));
                    endpoint = doc.path("pid").asLong() == dev.pid() ? doc : null;
                }
                Thread.sleep(50);
            }
            assertTrue(endpoint != null, "dev wrote .creact/sync.json for itself, deployed and watches:\n" + Files.readString(dir.resolve("dev.log")));
            assertTrue(Files.readString(dir.resolve("dev.log")).contains("state sync: http://127.0.0.1:"),
                    Files.readString(dir.resolve("dev.log")));
            var client = new SyncServeProcess.Client(SyncServeProcess.HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + endpoint.path("token").asText()), URI.create(endpoint.path("ws").asText()));
            try (client) {
                client.subscribe("dev");
                var first = client.until(m -> m.path("type").asText().equals("state_update"));
                assertEquals("first", first.getLast().path("outputs").path("message").asText(), first.getLast().toString());

                Files.writeString(dir.resolve("infrastructure.tsx"), stack("second"));
                // Deltas carry only what changed: keep the latest outputs and status, as a client does.
                var outputs = new JsonNode[] {first.getLast().path("outputs")};
                var updates = client.until(m -> {
                    if (m.has("outputs")) {
                        outputs[0] = m.path("outputs");
                    }
                    return outputs[0].path("message").asText().equals("second")
                            && m.path("status").asText().equals("DEPLOYED")
                            && outputs[0].path("sha").asText().equals(sha256(dir.resolve("out/note.txt")));
                });
                assertEquals("second", Files.readString(dir.resolve("out/note.txt")));
                assertEquals(sha256(dir.resolve("out/note.txt")), outputs[0].path("sha").asText(),
                        "the stack output that reads the file's hash converges on the new file: " + updates);
                var resources = SyncServeProcess.replay(updates);
                assertEquals("DEPLOYED", resources.get("note").path("status").asText(), resources.toString());
                assertEquals(sha256(dir.resolve("out/note.txt")), resources.get("note").path("outputs").path("sha256").asText(),
                        "the resource itself is reported on the way: " + updates);
            }
        } finally {
            dev.destroy();
            dev.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
