package dev.creact.engine.sync;

import io.javalin.http.sse.SseClient;

/**
 * A Server-Sent Events client of one stack: each message is an event named after its type, with the
 * serial as its id; a comment every 15 s keeps the connection open and finds dead peers. Javalin's SSE
 * writes block, so a virtual thread of its own sends them.
 */
final class SseSubscriber extends Subscriber {
    private static final long KEEP_ALIVE_MILLIS = 15_000;
    private final SseClient client;
    private volatile Thread sender;

    SseSubscriber(SseClient client, int maxQueuedMessages, long maxQueuedChars) {
        super(maxQueuedMessages, maxQueuedChars);
        this.client = client;
    }

    @Override
    void start() {
        sender = Thread.ofVirtual().name("creact-sync-sse-" + id).start(this::drain);
    }

    @Override
    void queued() {
        // the sender thread is waiting on the queue
    }

    private void drain() {
        try {
            while (!closed() && !client.terminated()) {
                Outbound next = poll(KEEP_ALIVE_MILLIS);
                if (next == null) {
                    client.sendComment("keep-alive");
                } else if (next.serial() > 0) {
                    client.sendEvent(next.type(), next.json(), Long.toString(next.serial()));
                } else {
                    client.sendEvent(next.type(), next.json());
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            abort(1011, "sending failed: " + e.getMessage());
        }
        close();
    }

    @Override
    void close() {
        super.close();
        Thread t = sender;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    @Override
    void abort(int closeCode, String reason) {
        close();
        // The stream ends; a client that still reads sees no more events and reconnects.
        client.close();
    }
}
