package dev.creact.engine.sync;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: a bounded queue of messages and a virtual thread that sends them one at a time.
 * The publishing thread only {@link #offer}s, which never blocks: when the queue is past its bound (the
 * client does not read fast enough), {@code offer} says so and the hub drops the client. A blocked socket
 * therefore stalls only its own sender thread.
 */
abstract class Subscriber {
    /** One message to send: its type ({@code state_update} or {@code error}), its serial (0 for errors) and its JSON. */
    record Outbound(String type, long serial, String json) {
    }

    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    /** The stacks it subscribed to; touched by the publishing thread only. */
    final Set<String> stacks = new HashSet<>();
    private final LinkedBlockingQueue<Outbound> queue;
    private final long maxQueuedChars;
    private final AtomicLong queuedChars = new AtomicLong();
    private final long keepAliveMillis;
    private volatile boolean closed;
    private volatile Thread sender;

    Subscriber(int maxQueuedMessages, long maxQueuedChars, long keepAliveMillis) {
        this.queue = new LinkedBlockingQueue<>(maxQueuedMessages);
        this.maxQueuedChars = maxQueuedChars;
        this.keepAliveMillis = keepAliveMillis;
    }

    /** Sends one message, blocking this subscriber's sender thread until the transport took it. */
    abstract void send(Outbound message) throws Exception;

    /** Something to write when nothing was sent for a while, so a dead peer is noticed (null: nothing). */
    abstract void keepAlive() throws Exception;

    /** Ends the connection: tell the client why if possible, and do not wait for it. */
    abstract void abort(int closeCode, String reason);

    void start() {
        sender = Thread.ofVirtual().name("creact-sync-send-" + id).start(this::drain);
    }

    /**
     * Queues a message; false when the client is past its bound (the caller drops it). Never blocks.
     * A closed subscriber takes and forgets everything.
     */
    boolean offer(Outbound message) {
        if (closed) {
            return true;
        }
        long chars = queuedChars.addAndGet(message.json().length());
        if (chars > maxQueuedChars || !queue.offer(message)) {
            queuedChars.addAndGet(-message.json().length());
            return false;
        }
        return true;
    }

    boolean closed() {
        return closed;
    }

    int queued() {
        return queue.size();
    }

    /** Stops sending; {@link #abort} ends the connection. */
    void close() {
        closed = true;
        Thread t = sender;
        if (t != null) {
            t.interrupt();
        }
    }

    private void drain() {
        try {
            while (!closed) {
                Outbound next = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
                if (next == null) {
                    keepAlive();
                    continue;
                }
                queuedChars.addAndGet(-next.json().length());
                send(next);
            }
        } catch (InterruptedException e) {
            // closed
        } catch (Exception e) {
            closed = true;
            abort(1011, "sending failed: " + e.getMessage());
        }
    }
}
