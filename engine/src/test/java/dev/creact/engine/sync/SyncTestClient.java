package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client of the sync server (the JDK's), collecting every message it receives. */
final class SyncTestClient implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    /** Every message as text, for leak scans. */
    final List<String> raw = java.util.Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SyncTestClient(WebSocket.Builder builder, URI uri) {
        var text = new StringBuilder();
        this.socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    raw.add(message);
                    received.add(Json.read(message, JsonNode.class));
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    static SyncTestClient connect(StateSyncServer server, String token) {
        return new SyncTestClient(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token),
                URI.create(server.webSocketUrl()));
    }

    static SyncTestClient connect(String wsUrl, String token) {
        return new SyncTestClient(HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token), URI.create(wsUrl));
    }

    /** Connects as a browser would: the token as a subprotocol, and a page origin. */
    static SyncTestClient connectAsBrowser(StateSyncServer server, String token, String origin) {
        return new SyncTestClient(HTTP.newWebSocketBuilder().header("Origin", origin)
                .subprotocols(StateSyncProtocol.SUBPROTOCOL, StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX + token),
                URI.create(server.webSocketUrl()));
    }

    /** The handshake's failure, or null when it succeeded. */
    static Throwable refusal(WebSocket.Builder builder, String wsUrl) {
        try {
            builder.buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
            }).join().abort();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    SyncTestClient subscribe(String stack) {
        send("{\"type\":\"subscribe\",\"stack\":\"" + stack + "\"}");
        return this;
    }

    SyncTestClient unsubscribe(String stack) {
        send("{\"type\":\"unsubscribe\",\"stack\":\"" + stack + "\"}");
        return this;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message; fails the test when none comes within 30 s (the server is stuck, not slow). */
    JsonNode next() throws InterruptedException {
        JsonNode m = received.poll(30, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 30 s");
        }
        return m;
    }

    /** Messages until one matches (inclusive). */
    List<JsonNode> until(Predicate<JsonNode> done) throws InterruptedException {
        var out = new ArrayList<JsonNode>();
        while (true) {
            var m = next();
            out.add(m);
            if (done.test(m)) {
                return out;
            }
        }
    }

    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        socket.abort();
    }
}
