package dev.creact.engine.sync;

import io.javalin.http.sse.SseClient;

/**
 * A Server-Sent Events client of one stack: each message is an event named after its type, with the
 * serial as its id; a comment every 15 s keeps the connection open and finds dead peers.
 */
final class SseSubscriber extends Subscriber {
    private final SseClient client;

    SseSubscriber(SseClient client, int maxQueuedMessages, long maxQueuedChars) {
        super(maxQueuedMessages, maxQueuedChars, 15_000);
        this.client = client;
    }

    @Override
    void send(Outbound message) {
        if (message.serial() > 0) {
            client.sendEvent(message.type(), message.json(), Long.toString(message.serial()));
        } else {
            client.sendEvent(message.type(), message.json());
        }
        if (client.terminated()) {
            close();
        }
    }

    @Override
    void keepAlive() {
        client.sendComment("keep-alive");
        if (client.terminated()) {
            close();
        }
    }

    @Override
    void abort(int closeCode, String reason) {
        close();
        // The stream ends; a client that still reads sees no more events and reconnects.
        client.close();
    }
}
