package dev.creact.engine.sync;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket client: each message is one text frame, handed to Jetty's non-blocking send; the next goes
 * when Jetty has written the last. Sending starts on whichever thread queued a message (the publishing
 * thread, usually: a non-blocking write, so a free socket gets its message at once without a thread hop)
 * and continues on Jetty's thread when a write had to wait for the socket.
 */
final class WebSocketSubscriber extends Subscriber {
    private final WsContext ws;
    /** Whether a frame is with Jetty now (at most one is). */
    private final AtomicBoolean sending = new AtomicBoolean();

    WebSocketSubscriber(WsContext ws, int maxQueuedMessages, long maxQueuedChars) {
        super(maxQueuedMessages, maxQueuedChars);
        this.ws = ws;
    }

    @Override
    void start() {
        // nothing to start: sending is driven by queued() and Jetty's completions
    }

    @Override
    void queued() {
        pump();
    }

    /** Where one send stands: whether sendText returned, and whether Jetty said it was written. */
    private static final class InFlight {
        boolean returned;
        boolean written;
    }

    /**
     * Sends queued messages one at a time. A write that completes inside {@code sendText} (the usual case on
     * a free socket) continues this loop instead of recursing; one that completes later calls pump again.
     */
    private void pump() {
        while (!closed() && sending.compareAndSet(false, true)) {
            Outbound next = poll();
            if (next == null) {
                sending.set(false);
                if (nothingQueued()) {
                    return;
                }
                continue; // queued between the poll and the release
            }
            var flight = new InFlight();
            try {
                ws.session.sendText(next.json(), Callback.from(() -> written(flight), this::failed));
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            synchronized (flight) {
                flight.returned = true;
                if (!flight.written) {
                    return; // written() continues when Jetty is done
                }
            }
        }
    }

    private void written(InFlight flight) {
        sending.set(false);
        boolean later;
        synchronized (flight) {
            flight.written = true;
            later = flight.returned;
        }
        if (later) {
            pump();
        }
    }

    private void failed(Throwable error) {
        close();
        abort(1011, "sending failed: " + error.getMessage());
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
