package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real `creact serve` process on a free port, and real clients of it. */
final class SyncServeProcess implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final Process process;
    final String url;
    final String ws;
    final String token;
    final int port;

    private SyncServeProcess(Process process, JsonNode endpoint) {
        this.process = process;
        this.url = endpoint.path("url").asText();
        this.ws = endpoint.path("ws").asText();
        this.token = endpoint.path("token").asText();
        this.port = endpoint.path("port").asInt();
    }

    /** Starts `creact serve` in {@code dir} and waits until it wrote .creact/sync.json for itself. */
    static SyncServeProcess start(Path dir, String... args) throws Exception {
        var all = new ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        if (!all.contains("--port")) {
            all.addAll(List.of("--port", "0"));
        }
        Process p = CreactProcess.start(dir, dir.resolve("serve-" + System.nanoTime() + ".log"), all.toArray(String[]::new));
        Path file = dir.resolve(".creact/sync.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("creact serve exited with " + p.exitValue());
            }
            if (Files.exists(file)) {
                try {
                    JsonNode doc = Json.mapper().readTree(Files.readString(file));
                    if (doc.path("pid").asLong() == p.pid()) {
                        return new SyncServeProcess(p, doc);
                    }
                } catch (IOException e) {
                    // being replaced: read again
                }
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("creact serve did not start within 60 s");
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Client connect() {
        return new Client(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token), URI.create(ws));
    }

    /** Stops it as Ctrl-C would, and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** A WebSocket client that keeps every message, and the state they add up to. */
    static final class Client implements AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final List<String> raw = Collections.synchronizedList(new ArrayList<>());
        private final WebSocket socket;

        Client(WebSocket.Builder builder, URI uri) {
            var text = new StringBuilder();
            socket = builder.buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        raw.add(text.toString());
                        received.add(Json.read(text.toString(), JsonNode.class));
                        text.setLength(0);
                    }
                    w.request(1);
                    return null;
                }
            }).join();
        }

        Client subscribe(String stack) {
            socket.sendText("{\"type\":\"subscribe\",\"stack\":\"" + stack + "\"}", true).join();
            return this;
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = received.poll(60, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 60 s");
            }
            return m;
        }

        List<JsonNode> until(Predicate<JsonNode> done) throws InterruptedException {
            var out = new ArrayList<JsonNode>();
            while (true) {
                JsonNode m = received.poll(60, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no matching message within 60 s; received since the last match: " + out);
                }
                out.add(m);
                if (done.test(m)) {
                    return out;
                }
            }
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    /** The resources (id → resource JSON) that a sequence of state_update messages adds up to, as a client keeps them. */
    static Map<String, ObjectNode> replay(List<JsonNode> messages) {
        var state = new LinkedHashMap<String, ObjectNode>();
        for (JsonNode m : messages) {
            if (!m.path("type").asText().equals("state_update")) {
                continue;
            }
            if (m.path("full").asBoolean()) {
                state.clear();
            }
            m.path("resources").forEach(r -> state.put(r.path("id").asText(), (ObjectNode) r));
            m.path("removed").forEach(id -> state.remove(id.asText()));
        }
        return state;
    }
}
