package dev.creact.engine.sync;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connected client: a bounded queue of messages, sent one at a time by the subclass. The publishing
 * thread only {@link #offer}s, which never blocks: when the queue is past its bound (the client does not
 * read fast enough), {@code offer} says so and the hub drops the client. A stuck socket therefore holds up
 * only its own messages.
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
    private volatile boolean closed;

    Subscriber(int maxQueuedMessages, long maxQueuedChars) {
        this.queue = new LinkedBlockingQueue<>(maxQueuedMessages);
        this.maxQueuedChars = maxQueuedChars;
    }

    /** Starts sending what gets queued. */
    abstract void start();

    /** Called after each message queued: start sending if idle. Must not block. */
    abstract void queued();

    /** Ends the connection: tell the client why if possible, and do not wait for it. */
    abstract void abort(int closeCode, String reason);

    /**
     * Queues a message; false when the client is past its bound (the caller drops it). Never blocks.
     * A closed subscriber takes and forgets everything.
     */
    final boolean offer(Outbound message) {
        if (closed) {
            return true;
        }
        long chars = queuedChars.addAndGet(message.json().length());
        if (chars > maxQueuedChars || !queue.offer(message)) {
            queuedChars.addAndGet(-message.json().length());
            return false;
        }
        queued();
        return true;
    }

    /** The next message to send, or null when none is waiting. */
    final Outbound poll() {
        return taken(queue.poll());
    }

    /** The next message, waiting up to {@code millis} (null when none came). */
    final Outbound poll(long millis) throws InterruptedException {
        return taken(queue.poll(millis, TimeUnit.MILLISECONDS));
    }

    private Outbound taken(Outbound message) {
        if (message != null) {
            queuedChars.addAndGet(-message.json().length());
        }
        return message;
    }

    final boolean nothingQueued() {
        return queue.isEmpty();
    }

    boolean closed() {
        return closed;
    }

    /** Stops sending; {@link #abort} ends the connection. */
    void close() {
        closed = true;
    }
}
