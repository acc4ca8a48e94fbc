package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscriptions and fan-out. Everything that reads or changes a stack's state or its subscribers runs on
 * one thread ("creact-sync-publisher"), in the order it was asked for: so messages of a stack are numbered
 * and queued to every subscriber in one order, and a new subscriber's first message (the whole state) is
 * consistent with the changes that follow it. Callers only hand work over; the thread only queues messages
 * (see {@link Subscriber#offer}); nothing here waits for a socket.
 */
final class SyncHub implements AutoCloseable {
    private final StateSource source;
    private final OutputRedaction redaction;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        var t = new Thread(r, "creact-sync-publisher");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, StackView> views = new HashMap<>();
    private final Map<String, Set<Subscriber>> subscribers = new HashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();

    SyncHub(StateSource source, OutputRedaction redaction) {
        this.source = source;
        this.redaction = redaction;
    }

    /** Hands work to the publishing thread; after {@link #close()} there is nobody left to tell. */
    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Counters, for tests and benchmarks: updates received, messages queued to clients, clients dropped. */
    record Stats(long updates, long messages, long dropped) {
    }

    Stats stats() {
        return new Stats(updates.get(), messages.get(), dropped.get());
    }

    void publish(StackUpdate update) {
        run(() -> {
            updates.incrementAndGet();
            StackView view = views.get(update.stack());
            if (view == null) {
                view = view(update.stack()).orElseGet(() -> {
                    var fresh = new StackView(update.stack());
                    views.put(update.stack(), fresh);
                    return fresh;
                });
            }
            String message = view.apply(redact(update));
            if (message != null) {
                fanOut(update.stack(), new Subscriber.Outbound("state_update", view.serial(), message));
            }
        });
    }

    void subscribe(Subscriber s, String stack) {
        run(() -> {
            if (s.closed()) {
                return;
            }
            Optional<StackView> view;
            try {
                view = view(stack);
            } catch (RuntimeException e) {
                send(s, StateSyncProtocol.error(StateSyncProtocol.STATE_UNAVAILABLE,
                        "the state of stack '" + stack + "' cannot be read: " + e.getMessage(), stack));
                return;
            }
            if (view.isEmpty()) {
                send(s, StateSyncProtocol.error(StateSyncProtocol.UNKNOWN_STACK,
                        "this server does not serve stack '" + stack + "'; GET /v1/stacks lists those it does", stack));
                return;
            }
            if (s.stacks.add(stack)) {
                subscribers.computeIfAbsent(stack, k -> new LinkedHashSet<>()).add(s);
            }
            if (!s.offer(new Subscriber.Outbound("state_update", view.get().serial(), view.get().fullMessage()))) {
                drop(s);
            } else {
                messages.incrementAndGet();
            }
        });
    }

    void unsubscribe(Subscriber s, String stack) {
        run(() -> {
            s.stacks.remove(stack);
            var set = subscribers.get(stack);
            if (set != null) {
                set.remove(s);
            }
        });
    }

    /** An error for one client, queued behind its other messages. */
    void error(Subscriber s, String code, String message, String stack) {
        run(() -> send(s, StateSyncProtocol.error(code, message, stack)));
    }

    /** Forgets a client that went away. */
    void remove(Subscriber s) {
        run(() -> forget(s));
    }

    /** The whole state of a stack as a {@code state_update} message, or empty when the stack is not served. */
    CompletableFuture<Optional<String>> fullState(String stack) {
        return CompletableFuture.supplyAsync(() -> view(stack).map(StackView::fullMessage), thread);
    }

    /** The document of {@code GET /v1/stacks}. */
    CompletableFuture<String> stacks() {
        return CompletableFuture.supplyAsync(() -> {
            var names = new TreeSet<>(source.stacks());
            names.addAll(views.keySet());
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("schemaVersion", StateSyncProtocol.SCHEMA_VERSION);
            ArrayNode list = doc.putArray("stacks");
            for (String name : names) {
                try {
                    view(name).ifPresent(v -> list.add(v.summary()));
                } catch (RuntimeException e) {
                    list.addObject().put("stack", name).put("error", e.getMessage());
                }
            }
            return Json.write(doc);
        }, thread);
    }

    /** The view of a stack, asking the source for its state the first time. */
    private Optional<StackView> view(String stack) {
        var existing = views.get(stack);
        if (existing != null) {
            return Optional.of(existing);
        }
        var snapshot = source.snapshot(stack);
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        var view = new StackView(stack);
        view.apply(redact(snapshot.get()));
        views.put(stack, view);
        return Optional.of(view);
    }

    private StackUpdate redact(StackUpdate u) {
        var resources = new ArrayList<ResourceState>(u.resources().size());
        for (ResourceState r : u.resources()) {
            resources.add(r.outputs() == null ? r
                    : r.withOutputs(redaction.resourceOutputs(u.stack(), r.id(), r.type(), r.outputs())));
        }
        return new StackUpdate(u.stack(), u.status(), u.stateSerial(), u.full(), resources, u.removed(),
                u.outputs() == null ? null : redaction.stackOutputs(u.stack(), u.outputs()), u.change(),
                u.deploymentId(), u.error(), u.timestamp());
    }

    private void fanOut(String stack, Subscriber.Outbound message) {
        var set = subscribers.get(stack);
        if (set == null || set.isEmpty()) {
            return;
        }
        List<Subscriber> slow = null;
        for (Subscriber s : set) {
            if (s.offer(message)) {
                messages.incrementAndGet();
            } else {
                if (slow == null) {
                    slow = new ArrayList<>();
                }
                slow.add(s);
            }
        }
        if (slow != null) {
            slow.forEach(this::drop);
        }
    }

    private void send(Subscriber s, String errorJson) {
        if (!s.offer(new Subscriber.Outbound("error", 0, errorJson))) {
            drop(s);
        }
    }

    private void drop(Subscriber s) {
        forget(s);
        dropped.incrementAndGet();
        s.abort(StateSyncProtocol.CLOSE_TOO_SLOW, "too slow: more than the allowed messages were waiting to be sent");
    }

    private void forget(Subscriber s) {
        for (String stack : new HashSet<>(s.stacks)) {
            var set = subscribers.get(stack);
            if (set != null) {
                set.remove(s);
            }
        }
        s.stacks.clear();
        s.close();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
