package dev.creact.engine.sync;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.concurrent.CompletableFuture;

/** A WebSocket client: each message is one text frame; the next is sent when Jetty has written the last. */
final class WebSocketSubscriber extends Subscriber {
    private final WsContext ws;

    WebSocketSubscriber(WsContext ws, int maxQueuedMessages, long maxQueuedChars) {
        // Jetty's automatic pings keep the connection alive; the poll timeout only bounds a sender's sleep.
        super(maxQueuedMessages, maxQueuedChars, 60_000);
        this.ws = ws;
    }

    @Override
    void send(Outbound message) throws Exception {
        var done = new CompletableFuture<Void>();
        ws.session.sendText(message.json(), Callback.from(() -> done.complete(null), done::completeExceptionally));
        done.get();
    }

    @Override
    void keepAlive() {
        // pings are Jetty's (WsContext.enableAutomaticPings)
    }

    @Override
    void abort(int closeCode, String reason) {
        close();
        var session = ws.session;
        if (!session.isOpen()) {
            return;
        }
        // A close frame queues behind whatever is stuck in the socket; cut the connection if it does not go out.
        session.close(closeCode, reason, Callback.NOOP);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException ignored) {
                // cut it now
            }
            if (session.isOpen()) {
                session.disconnect();
            }
        });
    }
}
