package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.StateSnapshot;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A backend that keeps everything in this process's memory, for unit tests, `creact test` and
 * throw-away runs: {@code "backend": {"type": "memory", "name": "…"}}. Backends opened on the same
 * {@link Store} (the same name) share it, as two processes share a folder or a database, so they contend
 * for locks and serials the same way. The state is serialised on the way in and parsed on the way out,
 * so nothing a caller holds can change what is stored.
 */
public final class MemoryStateBackend implements StateBackend {
    /** Found by {@link Backends}. */
    public static final class Factory implements StateBackendFactory {
        private static final Map<String, Store> NAMED = new ConcurrentHashMap<>();

        @Override
        public String type() {
            return "memory";
        }

        @Override
        public java.util.Set<String> settings() {
            return java.util.Set.of("name");
        }

        @Override
        public StateBackend open(java.nio.file.Path projectRoot, JsonNode settings) {
            String name = settings == null ? "default" : settings.path("name").asText("default");
            return new MemoryStateBackend(NAMED.computeIfAbsent(name, n -> new Store()));
        }
    }

    /** What a memory backend holds; share one between backends to have them contend. */
    public static final class Store {
        private final Map<String, Stack> stacks = new ConcurrentHashMap<>();
        private final Map<String, Object> sections = new ConcurrentHashMap<>();

        Stack stack(String name) {
            return stacks.computeIfAbsent(name, n -> new Stack());
        }
    }

    /** One stack's things. Guarded by itself. */
    static final class Stack {
        String state;          // canonical JSON of the CloudDOM
        long serial;
        long version;          // bumped on every state write
        String deployment;     // JSON of the record
        List<String> journal = new ArrayList<>();
        List<String> previousJournal = List.of();
        LockInfo lock;
        final Map<String, byte[]> documents = new ConcurrentHashMap<>();
        final Map<String, List<String>> logs = new ConcurrentHashMap<>();

        boolean touched() {
            return state != null || deployment != null || !journal.isEmpty() || lock != null || !documents.isEmpty()
                    || !logs.isEmpty();
        }
    }

    private final Store store;

    /** One monitor per stack and name in the shared store: backends on one store take turns as processes would. */
    @Override
    public <T> T exclusive(String stack, String name, java.util.function.Supplier<T> section) {
        synchronized (store.sections.computeIfAbsent(stack + "\u0000" + name, k -> new Object())) {
            return section.get();
        }
    }

    public MemoryStateBackend(Store store) {
        this.store = store;
    }

    public MemoryStateBackend() {
        this(new Store());
    }

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public String describe() {
        return "memory (this process only; gone when it exits)";
    }

    @Override
    public List<String> stacks() {
        var names = new TreeSet<String>();
        store.stacks.forEach((name, s) -> {
            synchronized (s) {
                if (s.touched()) {
                    names.add(name);
                }
            }
        });
        return List.copyOf(names);
    }

    @Override
    public Optional<StateSnapshot> read(String stack) {
        var s = store.stack(stack);
        String json;
        long serial;
        synchronized (s) {
            json = s.state;
            serial = s.serial;
        }
        return json == null ? Optional.empty() : Optional.of(new StateSnapshot(serial, Json.read(json, CloudDom.class)));
    }

    @Override
    public long write(String stack, CloudDom cloudDom, long expectedSerial) {
        String json = Json.write(cloudDom);
        var s = store.stack(stack);
        synchronized (s) {
            if (s.serial != expectedSerial) {
                throw new SerialConflictException(stack, expectedSerial, s.serial);
            }
            s.state = json;
            s.serial++;
            s.version++;
            return s.serial;
        }
    }

    @Override
    public void deleteStack(String stack) {
        store.stacks.remove(stack);
    }

    @Override
    public void importState(String stack, StateSnapshot snapshot) {
        String json = Json.write(snapshot.cloudDom());
        var s = store.stack(stack);
        synchronized (s) {
            s.state = json;
            s.serial = snapshot.serial();
            s.version++;
        }
    }

    @Override
    public List<String> documents(String stack) {
        return List.copyOf(new TreeSet<>(store.stack(stack).documents.keySet()));
    }

    @Override
    public List<String> logs(String stack) {
        return List.copyOf(new TreeSet<>(store.stack(stack).logs.keySet()));
    }

    @Override
    public Optional<String> stateVersion(String stack) {
        var s = store.stack(stack);
        synchronized (s) {
            return s.state == null ? Optional.empty() : Optional.of(Long.toString(s.version));
        }
    }

    @Override
    public Optional<DeploymentState> readDeployment(String stack) {
        var s = store.stack(stack);
        String json;
        synchronized (s) {
            json = s.deployment;
        }
        return json == null ? Optional.empty() : Optional.of(Json.read(json, DeploymentState.class));
    }

    @Override
    public void writeDeployment(String stack, DeploymentState deployment) {
        String json = Json.write(deployment);
        var s = store.stack(stack);
        synchronized (s) {
            s.deployment = json;
        }
    }

    @Override
    public Journal openJournal(String stack, boolean fresh) {
        var s = store.stack(stack);
        synchronized (s) {
            if (fresh && !s.journal.isEmpty()) {
                s.previousJournal = List.copyOf(s.journal);
                s.journal = new ArrayList<>();
            }
        }
        return new Journal() {
            @Override
            public void append(ObjectNode entry) {
                appendRaw(stack, Json.write(entry));
            }

            @Override
            public void sync() {
            }

            @Override
            public void close() {
            }
        };
    }

    /** Appends a line as it is, well-formed or not (the conformance suite tears a line with it). */
    void appendRaw(String stack, String line) {
        var s = store.stack(stack);
        synchronized (s) {
            s.journal.add(line);
        }
    }

    @Override
    public List<JsonNode> readJournal(String stack) {
        var s = store.stack(stack);
        List<String> lines;
        synchronized (s) {
            lines = List.copyOf(s.journal);
        }
        var out = new ArrayList<JsonNode>(lines.size());
        for (String line : lines) {
            try {
                out.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                // a torn entry, as a crash mid-write leaves in a file
            }
        }
        return out;
    }

    @Override
    public StackLock lock(String stack, String command, Duration ttl) {
        var s = store.stack(stack);
        long now = System.currentTimeMillis();
        synchronized (s) {
            if (s.lock != null && s.lock.expiresAt() >= now) {
                throw new LockHeldException(s.lock, "stack '" + stack + "' is locked by " + s.lock.describe(now)
                        + " (lock id " + s.lock.lockId() + "). Wait for it to finish; if that process is gone, run "
                        + "`creact unlock --force " + s.lock.lockId() + "`.");
            }
            LockInfo replaced = s.lock; // null, or a holder whose TTL passed
            s.lock = new LockInfo(UUID.randomUUID().toString().substring(0, 8), stack, System.getProperty("user.name", "?"),
                    FileLocks.hostName(), ProcessHandle.current().pid(), command, now, now + ttl.toMillis());
            return new Held(s, s.lock, ttl, replaced);
        }
    }

    /** A held memory lock, renewed every third of its TTL. */
    static final class Held implements StackLock {
        private final Stack stack;
        private final Duration ttl;
        private volatile LockInfo info;
        private volatile boolean lost;
        private final LockInfo replaced;
        private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "creact-memory-lock-renewal");
            t.setDaemon(true);
            return t;
        });

        Held(Stack stack, LockInfo info, Duration ttl, LockInfo replaced) {
            this.stack = stack;
            this.info = info;
            this.ttl = ttl;
            this.replaced = replaced;
            long period = Math.max(20, ttl.toMillis() / 3);
            renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            synchronized (stack) {
                if (stack.lock == null || !stack.lock.lockId().equals(info.lockId())) {
                    lost = true;
                    renewer.shutdown();
                    return;
                }
                var i = info;
                info = new LockInfo(i.lockId(), i.stack(), i.user(), i.host(), i.pid(), i.command(), i.acquiredAt(),
                        System.currentTimeMillis() + ttl.toMillis());
                stack.lock = info;
            }
        }

        /** Stops renewing without letting go, as a holder that died would (for the conformance suite). */
        void abandon() {
            renewer.shutdownNow();
        }

        @Override
        public LockInfo info() {
            return info;
        }

        @Override
        public boolean held() {
            return !lost;
        }

        @Override
        public Optional<LockInfo> tookOver() {
            return Optional.ofNullable(replaced);
        }

        @Override
        public void close() {
            renewer.shutdownNow();
            synchronized (stack) {
                if (stack.lock != null && stack.lock.lockId().equals(info.lockId())) {
                    stack.lock = null;
                }
            }
        }
    }

    @Override
    public Optional<LockInfo> lockHolder(String stack) {
        var s = store.stack(stack);
        synchronized (s) {
            return s.lock != null && s.lock.expiresAt() >= System.currentTimeMillis() ? Optional.of(s.lock) : Optional.empty();
        }
    }

    @Override
    public LockInfo forceUnlock(String stack, String lockId) {
        var s = store.stack(stack);
        synchronized (s) {
            if (s.lock == null) {
                throw new IllegalArgumentException("the stack is not locked");
            }
            if (!s.lock.lockId().equals(lockId)) {
                throw new IllegalArgumentException("the stack's lock has id " + s.lock.lockId() + ", not " + lockId
                        + "; check with `creact info` and pass the current id");
            }
            var removed = s.lock;
            s.lock = null;
            return removed;
        }
    }

    @Override
    public Optional<byte[]> readDocument(String stack, String name) {
        byte[] b = store.stack(stack).documents.get(name);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    @Override
    public void writeDocument(String stack, String name, byte[] content) {
        store.stack(stack).documents.put(name, content.clone());
    }

    @Override
    public void appendLog(String stack, String name, String line) {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log line cannot hold a newline");
        }
        var s = store.stack(stack);
        synchronized (s) {
            s.logs.computeIfAbsent(name, n -> new ArrayList<>()).add(line);
        }
    }

    @Override
    public List<String> readLog(String stack, String name) {
        var s = store.stack(stack);
        synchronized (s) {
            return List.copyOf(s.logs.getOrDefault(name, List.of()));
        }
    }

    @Override
    public Optional<String> lastLogLine(String stack, String name) {
        var s = store.stack(stack);
        synchronized (s) {
            var lines = s.logs.getOrDefault(name, List.of());
            return lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast());
        }
    }
}
