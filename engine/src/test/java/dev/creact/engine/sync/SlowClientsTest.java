package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.DeploymentStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("State sync server: slow clients and many clients")
class SlowClientsTest {
    static final String TOKEN = SyncToken.generate();
    StateSyncServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** An update about resource i whose outputs hold about {@code size} characters. */
    static StackUpdate big(int i, int size) {
        return new StackUpdate("dev", DeploymentStatus.APPLYING, 0, false,
                List.of(new ResourceState("r" + (i % 50), "mock:Resource", ResourceStatus.DEPLOYED, null,
                        FakeSource.outputs("n", Integer.toString(i), "blob", "x".repeat(size)))),
                List.of(), null, new StackUpdate.ChangeInProgress("r" + (i % 50), "update"), "d", null, null);
    }

    /**
     * A WebSocket client that completes the handshake, subscribes, and then never reads again; its receive
     * buffer is small, so the server's writes to it soon block.
     */
    static Socket neverReading(StateSyncServer server) throws Exception {
        var uri = URI.create(server.webSocketUrl());
        var socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed during the handshake: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        byte[] payload = "{\"type\":\"subscribe\",\"stack\":\"dev\"}".getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81); // FIN, text
        out.write(0x80 | payload.length); // masked, length < 126
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
        return socket;
    }

    @Test
    @Timeout(120) // a guard against a hang, not a timing assertion: a publisher that blocked would never finish
    @DisplayName("a client that never reads is dropped, while the others get every update in order")
    void neverReadingClientIsDropped() throws Exception {
        server = StateSyncServer.start(new StateSyncServer.Settings("127.0.0.1", 0, TOKEN, List.of(), 200, 1L << 20),
                new FakeSource().with(FakeSource.deployed("dev", 50)), OutputRedaction.NONE);
        try (var stuck = neverReading(server); var reader = SyncTestClient.connect(server, TOKEN).subscribe("dev")) {
            long start = reader.next().path("serial").asLong();
            // Wait until the stuck client is subscribed too: the server answered it with its snapshot.
            while (server.stats().messages() < 2) {
                Thread.sleep(10);
            }
            // 40 rounds of 100 updates of 5 KB: 20 MB for the stuck client, far past its socket buffers and
            // its 1 MB bound; the reading client reads each round before the next (its queue stays under the bound).
            int rounds = 40;
            int perRound = 100;
            long last = start;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < perRound; i++) {
                    server.publish(big(round * perRound + i, 5_000));
                }
                for (int i = 0; i < perRound; i++) {
                    JsonNode m = reader.next();
                    assertEquals(last + 1, m.path("serial").asLong(), "the reading client misses nothing");
                    last = m.path("serial").asLong();
                    assertEquals(Integer.toString(round * perRound + i), m.path("resources").get(0).path("outputs").path("n").asText());
                }
            }
            int updates = rounds * perRound;
            assertEquals(1, server.stats().dropped(), "exactly the stuck client was dropped");
            // The stuck client's connection ends: reading what is left reaches the end of the stream.
            stuck.setSoTimeout(30_000);
            var in = stuck.getInputStream();
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // drain
            }
            server.publish(big(updates, 10));
            assertEquals(last + 1, reader.next().path("serial").asLong());
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("100 concurrent subscribers each get the snapshot and then every update, in order")
    void hundredSubscribers() throws Exception {
        server = StateSyncServer.start(new StateSyncServer.Settings("127.0.0.1", 0, TOKEN, List.of(), 10_000, 32L << 20),
                new FakeSource().with(FakeSource.deployed("dev", 50)), OutputRedaction.NONE);
        var clients = new ArrayList<SyncTestClient>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(SyncTestClient.connect(server, TOKEN).subscribe("dev"));
            }
            for (var c : clients) {
                assertTrue(c.next().path("full").asBoolean());
            }
            for (int i = 0; i < 200; i++) {
                server.publish(big(i, 100));
            }
            for (var c : clients) {
                for (int i = 0; i < 200; i++) {
                    JsonNode m = c.next();
                    assertEquals(i + 2, m.path("serial").asLong());
                    assertEquals(Integer.toString(i), m.path("resources").get(0).path("outputs").path("n").asText());
                }
            }
            assertEquals(0, server.stats().dropped());
            assertEquals(100, server.stats().connections());
        } finally {
            clients.forEach(SyncTestClient::close);
        }
    }
}
