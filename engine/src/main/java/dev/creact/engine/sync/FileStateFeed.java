package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The stacks of a project as the file backend keeps them, for a server that runs beside the commands that
 * change them ({@code creact serve}): a {@link StateSource} that reads {@code .creact/stacks/<stack>/}, and a
 * watcher that publishes every change other processes make there. A new {@code state.json} or
 * {@code deployment.json} gives the whole state again (the server sends only what changed); each new line of
 * {@code journal.jsonl} during a deploy gives the resource it is about (an operation started, applied or
 * failed), so subscribers follow a deploy resource by resource.
 *
 * <p>This is the one class that knows the backend's files; a server fed by deploy events in the same process
 * does not need it. It only reads (state, deployment record, journal).
 */
public final class FileStateFeed implements StateSource, AutoCloseable {
    private static final Set<String> WATCHED = Set.of("state.json", "deployment.json", "journal.jsonl");

    private final Path root;
    private final Path stacksDir;
    private final FileStateBackend backend;
    private final String onlyStack;
    private final Consumer<String> warnings;
    private final WatchService watcher;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    /** What the watcher knows of each stack's journal; watcher thread only. */
    private final Map<String, JournalTail> tails = new HashMap<>();
    private volatile Thread thread;

    /**
     * @param projectRoot the project (its {@code .creact} folder need not exist yet)
     * @param onlyStack   the one stack to serve, or null for every stack
     * @param warnings    where to say that a file could not be read (the last good state stays in place)
     */
    public FileStateFeed(Path projectRoot, String onlyStack, Consumer<String> warnings) {
        this.root = projectRoot.toAbsolutePath().normalize();
        this.stacksDir = root.resolve(".creact").resolve("stacks");
        this.backend = new FileStateBackend(root);
        this.onlyStack = onlyStack;
        this.warnings = warnings;
        if (onlyStack != null && !StateSyncProtocol.isValidStackName(onlyStack)) {
            throw new IllegalArgumentException("invalid stack name '" + onlyStack
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters)");
        }
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + stacksDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> stacks() {
        var out = new TreeSet<String>();
        if (onlyStack != null) {
            out.add(onlyStack);
        } else if (Files.isDirectory(stacksDir)) {
            try (Stream<Path> dirs = Files.list(stacksDir)) {
                dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                        .filter(StateSyncProtocol::isValidStackName).forEach(out::add);
            } catch (IOException e) {
                warnings.accept("cannot list " + stacksDir + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<StackUpdate> snapshot(String stack) {
        if (!serves(stack)) {
            return Optional.empty();
        }
        return Optional.of(read(stack, null));
    }

    private boolean serves(String stack) {
        return StateSyncProtocol.isValidStackName(stack) && (onlyStack == null || onlyStack.equals(stack));
    }

    /**
     * Publishes the current state of every stack, then every change, to {@code sink} (the server's
     * {@code publish}), from a thread of its own, until {@link #close()}.
     */
    public void start(Consumer<StackUpdate> sink) {
        Objects.requireNonNull(sink, "sink");
        register();
        for (String stack : stacks()) {
            publish(sink, () -> readTracking(stack));
        }
        thread = Thread.ofPlatform().daemon().name("creact-sync-watch").start(() -> watch(sink));
    }

    private void watch(Consumer<StackUpdate> sink) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                var whole = new LinkedHashSet<String>();
                var records = new LinkedHashSet<String>();
                var journal = new LinkedHashSet<String>();
                collect(key, whole, records, journal);
                // Take whatever else is ready too: one pass over a burst of writes.
                for (WatchKey more; (more = watcher.poll()) != null; ) {
                    collect(more, whole, records, journal);
                }
                // New journal lines first, then the whole state: the resources of the last lines of a deploy are
                // reported one by one too, even when the state file was written in the same burst.
                for (String stack : journal) {
                    publish(sink, () -> tail(stack));
                }
                for (String stack : whole) {
                    publish(sink, () -> readTracking(stack));
                }
                for (String stack : records) {
                    if (!whole.contains(stack)) {
                        publish(sink, () -> recordChanged(stack));
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void publish(Consumer<StackUpdate> sink, java.util.function.Supplier<StackUpdate> read) {
        try {
            var update = read.get();
            if (update != null) {
                sink.accept(update);
            }
        } catch (RuntimeException e) {
            warnings.accept(e.getMessage());
        }
    }

    private void collect(WatchKey key, Set<String> whole, Set<String> records, Set<String> journal) {
        Path dir = keys.get(key);
        boolean structure = false;
        for (var event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                whole.addAll(stacks());
                structure = true;
                continue;
            }
            if (dir == null) {
                continue;
            }
            String name = event.context().toString();
            if (dir.equals(stacksDir)) {
                structure = true;
                if (serves(name)) {
                    whole.add(name);
                }
            } else if (dir.getParent() != null && dir.getParent().equals(stacksDir)) {
                String stack = dir.getFileName().toString();
                if (!serves(stack) || !WATCHED.contains(name)) {
                    continue;
                }
                (name.equals("journal.jsonl") ? journal : name.equals("deployment.json") ? records : whole).add(stack);
            } else {
                structure = true; // the project root or .creact: folders may have appeared
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        if (structure) {
            register();
        }
    }

    /** Watches the project root, .creact, .creact/stacks and every stack folder that exists. */
    private void register() {
        try {
            watchDir(root);
            if (Files.isDirectory(root.resolve(".creact"))) {
                watchDir(root.resolve(".creact"));
            }
            if (Files.isDirectory(stacksDir)) {
                watchDir(stacksDir);
                for (String stack : stacks()) {
                    Path dir = stacksDir.resolve(stack);
                    if (Files.isDirectory(dir)) {
                        watchDir(dir);
                    }
                }
            }
        } catch (IOException e) {
            warnings.accept("cannot watch " + stacksDir + ": " + e.getMessage());
        }
    }

    private void watchDir(Path dir) throws IOException {
        if (!keys.containsValue(dir)) {
            keys.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE), dir);
        }
    }

    /** The whole state, remembering how far the journal was read so the next lines follow on. */
    private StackUpdate readTracking(String stack) {
        var tail = tails.computeIfAbsent(stack, s -> new JournalTail(backend.journalFile(s)));
        return read(stack, tail);
    }

    /**
     * The deployment record was written. The same deployment moving on to APPLYING or DEPLOYED changes only
     * the stack's status (its resources come from the journal and the state file), so that is all that is
     * read; a new deployment (its plan marks resources PENDING) or a failure (its failed operations) reads
     * everything. The record holds two whole CloudDOMs: reading it fully would hold up the journal's lines.
     */
    private StackUpdate recordChanged(String stack) {
        var tail = tails.get(stack);
        var head = recordHead(stack);
        if (tail != null && head != null && head.deploymentId().equals(tail.deploymentId) && tail.status != null
                && (head.status() == DeploymentStatus.APPLYING || head.status() == DeploymentStatus.DEPLOYED)) {
            tail.status = head.status();
            return new StackUpdate(stack, head.status(), 0, false, List.of(), List.of(), null, null,
                    head.deploymentId(), null, Instant.now());
        }
        return readTracking(stack);
    }

    /** A deployment record's id and status. */
    private record RecordHead(String deploymentId, DeploymentStatus status) {
    }

    /** The id and status of the stack's deployment record, read without its CloudDOMs (null when unreadable). */
    private RecordHead recordHead(String stack) {
        Path file = backend.deploymentFile(stack);
        String id = null;
        DeploymentStatus status = null;
        try (var parser = Json.mapper().getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "deploymentId" -> id = parser.getText();
                    case "status" -> status = DeploymentStatus.valueOf(parser.getText());
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        return id == null || status == null ? null : new RecordHead(id, status);
    }

    /**
     * The whole state of a stack: the deployed CloudDOM and deployment record, and while that deployment
     * runs, what its journal says so far. With {@code tail}, the journal's position is kept for {@link #tail}.
     */
    private StackUpdate read(String stack, JournalTail tail) {
        Optional<StateSnapshot> state = backend.read(stack);
        DeploymentState deployment;
        try {
            deployment = backend.readDeployment(stack).orElse(null);
        } catch (RuntimeException e) {
            warnings.accept(e.getMessage());
            deployment = null;
        }
        var update = StackUpdates.of(stack, state.map(StateSnapshot::cloudDom).orElse(null),
                state.map(StateSnapshot::serial).orElse(0L), deployment);
        if (tail != null) {
            tail.deploymentId = deployment == null ? null : deployment.deploymentId();
            tail.status = deployment == null ? null : deployment.status();
        }
        boolean running = deployment != null
                && (deployment.status() == DeploymentStatus.PENDING || deployment.status() == DeploymentStatus.APPLYING);
        if (!running) {
            if (tail != null) {
                tail.skipToEnd();
            }
            return update;
        }
        List<JsonNode> lines;
        if (tail != null) {
            tail.restart();
            lines = tail.newLines();
        } else {
            lines = backend.readJournal(stack);
        }
        String id = deployment.deploymentId();
        var mine = lines.stream().filter(l -> id.equals(l.path("deployment").asText())).toList();
        return fold(update, mine, tail);
    }

    /** The journal lines written since the last read, as one partial update (null when there are none). */
    private StackUpdate tail(String stack) {
        var tail = tails.computeIfAbsent(stack, s -> new JournalTail(backend.journalFile(s)));
        var lines = tail.newLines();
        if (lines.isEmpty()) {
            return null;
        }
        var changed = new LinkedHashMap<String, ResourceState>();
        var removed = new ArrayList<String>();
        StackUpdate.ChangeInProgress change = null;
        String deployment = null;
        for (JsonNode line : lines) {
            change = apply(line, changed, removed, tail);
            deployment = line.path("deployment").asText(null);
        }
        return new StackUpdate(stack, DeploymentStatus.APPLYING, 0, false, List.copyOf(changed.values()), removed, null,
                change, deployment, null, Instant.now());
    }

    /** A whole state with a running deployment's journal lines applied on top. */
    private StackUpdate fold(StackUpdate base, List<JsonNode> lines, JournalTail tail) {
        if (lines.isEmpty()) {
            return base;
        }
        var resources = new LinkedHashMap<String, ResourceState>();
        base.resources().forEach(r -> resources.put(r.id(), r));
        var changed = new LinkedHashMap<String, ResourceState>();
        var removed = new ArrayList<String>();
        StackUpdate.ChangeInProgress change = null;
        var types = tail == null ? new JournalTail(null) : tail;
        resources.values().forEach(r -> types.types.put(r.id(), r.type()));
        for (JsonNode line : lines) {
            change = apply(line, changed, removed, types);
        }
        removed.forEach(resources::remove);
        changed.forEach((id, r) -> {
            var old = resources.get(id);
            resources.put(id, r.outputs() == null && old != null ? r.withOutputs(old.outputs()) : r);
        });
        // Lines in its journal: the deployment is applying, whatever its record said a moment before.
        return new StackUpdate(base.stack(), DeploymentStatus.APPLYING, base.stateSerial(), true, List.copyOf(resources.values()),
                List.of(), base.outputs(), change, base.deploymentId(), base.error(), base.timestamp());
    }

    /**
     * One journal line's effect on the resource it names, added to {@code changed}/{@code removed}; returns the
     * change it is about. Only ids, types and outputs are read: a result line holds the node with its props,
     * which never leave this method.
     */
    private static StackUpdate.ChangeInProgress apply(JsonNode line, Map<String, ResourceState> changed, List<String> removed,
                                                      JournalTail tail) {
        String id = line.path("id").asText(null);
        String step = line.path("step").asText("");
        if (id == null) {
            return null;
        }
        String action = switch (step) {
            case "delete-old" -> "replace";
            case "create", "update", "delete" -> step;
            default -> step.isEmpty() ? "update" : step;
        };
        String event = line.path("event").asText("");
        if (event.equals("intent")) {
            String type = line.path("type").asText(tail.types.getOrDefault(id, "unknown"));
            tail.types.put(id, type);
            changed.put(id, new ResourceState(id, type, ResourceStatus.APPLYING, action, null));
            removed.remove(id);
        } else if (event.equals("result")) {
            String type = tail.types.getOrDefault(id, "unknown");
            if (!line.path("ok").asBoolean(false)) {
                changed.put(id, new ResourceState(id, type, ResourceStatus.FAILED, action, null));
            } else if (line.hasNonNull("node")) {
                JsonNode node = line.path("node");
                type = node.path("type").asText(type);
                tail.types.put(id, type);
                var outputs = node.path("outputs");
                changed.put(id, new ResourceState(id, type, ResourceStatus.DEPLOYED, null,
                        outputs.isObject() ? (ObjectNode) outputs : Json.mapper().createObjectNode()));
                removed.remove(id);
            } else if (step.equals("delete-old")) {
                // The old half of a create-before-destroy replacement is gone; the new one stays.
                changed.put(id, new ResourceState(id, type, ResourceStatus.DEPLOYED, null, null));
            } else {
                changed.remove(id);
                if (!removed.contains(id)) {
                    removed.add(id);
                }
            }
        } else {
            return null;
        }
        return new StackUpdate.ChangeInProgress(id, action);
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * What the watcher knows of a stack: how far its journal was read (the file's identity, since a new
     * deployment starts a new file, and the byte offset after the last complete line), the types of the
     * resources its lines named, and the deployment record as of the last whole read.
     */
    private static final class JournalTail {
        private final Path file;
        private Object fileKey;
        private long offset;
        final Map<String, String> types = new HashMap<>();
        /** The deployment record as of the last whole read. */
        String deploymentId;
        DeploymentStatus status;

        JournalTail(Path file) {
            this.file = file;
        }

        void restart() {
            fileKey = null;
            offset = 0;
        }

        /** Past everything written so far: a finished deployment's lines are in the state already. */
        void skipToEnd() {
            try {
                if (file != null && Files.exists(file)) {
                    fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                    offset = Files.size(file);
                    return;
                }
            } catch (IOException ignored) {
                // read from the start next time
            }
            restart();
        }

        /** The complete lines appended since the last call; a torn last line waits for the next one. */
        List<JsonNode> newLines() {
            var out = new ArrayList<JsonNode>();
            if (file == null || !Files.exists(file)) {
                offset = 0;
                fileKey = null;
                return out;
            }
            try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
                Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                long size = channel.size();
                if (!Objects.equals(key, fileKey) || size < offset) {
                    offset = 0; // a new journal (the next deployment's)
                    fileKey = key;
                }
                if (size == offset) {
                    return out;
                }
                var buffer = ByteBuffer.allocate((int) Math.min(size - offset, Integer.MAX_VALUE - 8));
                channel.read(buffer, offset);
                byte[] bytes = buffer.array();
                int len = buffer.position();
                int start = 0;
                for (int i = 0; i < len; i++) {
                    if (bytes[i] == '\n') {
                        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                        start = i + 1;
                        if (line.isBlank()) {
                            continue;
                        }
                        try {
                            out.add(Json.mapper().readTree(line));
                        } catch (IOException e) {
                            // a damaged line: recovery ignores it too
                        }
                    }
                }
                offset += start;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the journal " + file + ": " + e.getMessage(), e);
            }
            return out;
        }
    }
}
