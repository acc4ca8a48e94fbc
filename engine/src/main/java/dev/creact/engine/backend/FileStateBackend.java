package dev.creact.engine.backend;

import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.model.LockInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.RecentByIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The default backend: {@code .creact/stacks/<stack>/state.json} under the project root.
 *
 * <p>The file is {@code {"checksum": "sha256:…", "content": {formatVersion, stack, serial, cloudDom}}};
 * the checksum covers the canonical (sorted, compact) JSON of {@code content}, so any edit to a value is
 * caught. A write goes to a temporary file that is fsynced and renamed over the old one, after the old
 * one (if it is good) was copied to {@code state.json.bak}. Reading the serial, comparing it and writing
 * happen under an advisory lock on {@code state.json.lock} (held for the write only, released by the
 * kernel if the process dies), so two writers that read the same serial cannot both write.
 */
public final class FileStateBackend implements StateBackend {
    /** Found by {@link Backends}: {@code "backend": {"type": "file"}} (the default). */
    public static final class Factory implements StateBackendFactory {
        @Override
        public String type() {
            return "file";
        }

        @Override
        public java.util.Set<String> settings() {
            return java.util.Set.of();
        }

        @Override
        public StateBackend open(Path projectRoot, JsonNode settings) {
            return new FileStateBackend(projectRoot);
        }
    }

    public static final int FORMAT_VERSION = 1;
    private static final Pattern STACK_NAME = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,15}");
    private static final Pattern DOCUMENT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path root;

    public FileStateBackend(Path projectRoot) {
        this.root = projectRoot.toAbsolutePath().normalize();
    }

    public Path stackDir(String stack) {
        if (!STACK_NAME.matcher(stack).matches() || stack.contains("..")) {
            throw new IllegalArgumentException("invalid stack name '" + stack
                    + "': use letters, digits, '.', '_' and '-' (at most 64 characters; a nested app's stack is <parent>/<app>)");
        }
        return root.resolve(".creact").resolve("stacks").resolve(stack);
    }

    public Path stateFile(String stack) {
        return stackDir(stack).resolve("state.json");
    }

    public Path backupFile(String stack) {
        return stackDir(stack).resolve("state.json.bak");
    }

    public Path lockFile(String stack) {
        return stackDir(stack).resolve("lock.json");
    }

    public Path deploymentFile(String stack) {
        return stackDir(stack).resolve("deployment.json");
    }

    public Path journalFile(String stack) {
        return stackDir(stack).resolve("journal.jsonl");
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public List<String> stacks() {
        Path dir = root.resolve(".creact").resolve("stacks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // Top-level folders are stacks; a nested app's stack (<parent>/<app>) is a folder inside its parent's
        // that holds a state or a deployment record.
        try (var entries = Files.walk(dir, 16)) {
            return entries.filter(p -> !p.equals(dir) && Files.isDirectory(p))
                    .filter(p -> p.getParent().equals(dir) || Files.exists(p.resolve("state.json"))
                            || Files.exists(p.resolve("deployment.json")))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> STACK_NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the stacks in " + dir + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public void deleteStack(String stack) {
        Path dir = stackDir(stack);
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + display(dir) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public Optional<String> stateVersion(String stack) {
        try {
            var attrs = Files.readAttributes(stateFile(stack), java.nio.file.attribute.BasicFileAttributes.class);
            return Optional.of(attrs.lastModifiedTime().toMillis() + "/" + attrs.size() + "/" + attrs.fileKey());
        } catch (java.nio.file.NoSuchFileException e) {
            // No state: a stack never deployed, or one whose state file was lost (read() then refuses).
            return lostStateEvidence(stack).isEmpty() ? Optional.empty() : Optional.of("missing:" + System.nanoTime());
        } catch (IOException e) {
            return Optional.of("unreadable:" + System.nanoTime());
        }
    }

    /**
     * What shows that {@code stack} was deployed although its {@code state.json} is missing: a backup (made
     * only when a state is replaced), the previous deployment's journal (rotated only when a new deployment
     * starts), or a deployment record that finished (a state is written before a deployment ends) or that
     * started from resources. Empty for a stack never deployed, or whose first deployment is still running or
     * was interrupted (resume replays its journal onto the empty state it started from).
     */
    List<String> lostStateEvidence(String stack) {
        var evidence = new java.util.ArrayList<String>();
        if (Files.exists(backupFile(stack))) {
            evidence.add(display(backupFile(stack)) + " (" + backupSerial(stack) + ")");
        }
        Path previous = journalFile(stack).resolveSibling("journal.previous.jsonl");
        if (Files.exists(previous)) {
            evidence.add(display(previous) + " (the journal of an earlier deployment)");
        }
        if (Files.exists(deploymentFile(stack))) {
            try {
                var record = readDeployment(stack).orElse(null);
                if (record != null && (record.before() != null && record.before().size() > 0
                        || record.status() == dev.creact.engine.model.DeploymentStatus.DEPLOYED
                        || record.status() == dev.creact.engine.model.DeploymentStatus.FAILED)) {
                    evidence.add(display(deploymentFile(stack)) + " (deployment " + record.deploymentId() + ", "
                            + record.status() + " at " + record.updatedAt() + ")");
                }
            } catch (StateCorruptException e) {
                evidence.add(display(deploymentFile(stack)) + " (unreadable)");
            }
        }
        return evidence;
    }

    /**
     * What the backup holds, read without recovery advice (so without recursion): "serial N", or that it is
     * damaged too.
     */
    String backupSerial(String stack) {
        Path bak = backupFile(stack);
        try {
            JsonNode doc = Json.mapper().readTree(Files.readAllBytes(bak));
            JsonNode content = doc.path("content");
            if (content.isObject() && checksum(content).equals(doc.path("checksum").asText(""))
                    && stack.equals(content.path("stack").asText())) {
                return "serial " + content.path("serial").asLong();
            }
            return "damaged too: it fails its checksum";
        } catch (IOException | RuntimeException e) {
            return "damaged too: " + firstLine(e.getMessage());
        }
    }

    private Path document(String stack, String name, String suffix) {
        if (!DOCUMENT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid document name '" + name + "'");
        }
        return stackDir(stack).resolve(name + suffix);
    }

    @Override
    public Optional<byte[]> readDocument(String stack, String name) {
        Path file = document(stack, name, "");
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display(file) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public void writeDocument(String stack, String name, byte[] content) {
        Path file = document(stack, name, "");
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            atomicWrite(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + display(file) + ": " + IoFailure.reason(e), e);
        }
    }

    /** A file lock beside the stack's files ({@code <name>.lock}), held with {@link FileMutex}: across processes too. */
    @Override
    public <T> T exclusive(String stack, String name, java.util.function.Supplier<T> section) {
        Path lock = document(stack, name, ".lock");
        try {
            Files.createDirectories(lock.getParent());
            return FileMutex.withLock(lock, section::get);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + display(lock) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public void appendLog(String stack, String name, String line) {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log line cannot hold a newline");
        }
        Path file = document(stack, name, ".jsonl");
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            try (var ch = dev.creact.engine.security.PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                var buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + display(file) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public List<String> readLog(String stack, String name) {
        Path file = document(stack, name, ".jsonl");
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display(file) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public Optional<String> lastLogLine(String stack, String name) {
        Path file = document(stack, name, ".jsonl");
        try (var ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return LogTail.lastLine(ch);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + display(file) + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public StackLock lock(String stack, String command, java.time.Duration ttl) {
        return FileLocks.acquire(lockFile(stack), stack, command, ttl);
    }

    @Override
    public Optional<LockInfo> lockHolder(String stack) {
        var info = FileLocks.read(lockFile(stack));
        return info.filter(i -> !FileLocks.isStale(i, System.currentTimeMillis()));
    }

    @Override
    public LockInfo forceUnlock(String stack, String lockId) {
        return FileLocks.forceUnlock(lockFile(stack), lockId);
    }

    /** A deployment record as last read, with the file's stamp then. */
    private record ReadRecord(String stamp, dev.creact.engine.model.DeploymentState record) {
    }

    /**
     * The last record read per file: the editor asks for the stack's deployment status on every keystroke
     * ({@code Stack.unfinishedDeployment}), and a record holds two whole CloudDOMs. Records are written by
     * rename, so a changed record has a new file key and a new stamp.
     */
    private final java.util.concurrent.ConcurrentHashMap<Path, ReadRecord> records = new java.util.concurrent.ConcurrentHashMap<>();

    private static String stamp(Path file) {
        try {
            var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return attrs.lastModifiedTime().toMillis() + "/" + attrs.size() + "/" + attrs.fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Optional<dev.creact.engine.model.DeploymentState> readDeployment(String stack) {
        Path file = deploymentFile(stack);
        String stamp = stamp(file);
        if (stamp == null) {
            records.remove(file);
            return Optional.empty();
        }
        var cached = records.get(file);
        if (cached != null && cached.stamp().equals(stamp)) {
            return Optional.of(cached.record());
        }
        try {
            var record = Json.read(Files.readString(file), dev.creact.engine.model.DeploymentState.class);
            records.put(file, new ReadRecord(stamp, record));
            return Optional.of(record);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            throw new StateCorruptException(file, "deployment record " + display(file) + " cannot be read ("
                    + firstLine(e.getMessage()) + "); move it away to continue (the journal next to it shows what ran).");
        }
    }

    /** Reads only the status field: the start of every deploy asks, and the record holds two whole CloudDOMs. */
    @Override
    public Optional<dev.creact.engine.model.DeploymentStatus> deploymentStatus(String stack) {
        Path file = deploymentFile(stack);
        String stamp = stamp(file);
        if (stamp == null) {
            return Optional.empty();
        }
        var cached = records.get(file);
        if (cached != null && cached.stamp().equals(stamp)) {
            return Optional.of(cached.record().status());
        }
        var known = statuses.get(file);
        if (known != null && known.stamp().equals(stamp)) {
            return Optional.of(known.status());
        }
        var status = readStatus(stack, file);
        status.ifPresent(st -> statuses.put(file, new ReadStatus(stamp, st)));
        return status;
    }

    private record ReadStatus(String stamp, dev.creact.engine.model.DeploymentStatus status) {
    }

    private final java.util.concurrent.ConcurrentHashMap<Path, ReadStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<dev.creact.engine.model.DeploymentStatus> readStatus(String stack, Path file) {
        try (var parser = Json.mapper().getFactory().createParser(file.toFile())) {
            if (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("status")) {
                        return Optional.of(dev.creact.engine.model.DeploymentStatus.valueOf(parser.getText()));
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall through: the full read reports what is wrong
        }
        return readDeployment(stack).map(dev.creact.engine.model.DeploymentState::status);
    }

    /**
     * The JSON text of the last CloudDOMs written in deployment records: one deployment writes its record three or
     * more times (PENDING, APPLYING, its end) with the same before and target, and at 1,000 resources writing them
     * out again was most of a `creact dev` cycle's own work after the render.
     */
    private static final RecentByIdentity<CloudDom, String> RECORD_TEXTS = new RecentByIdentity<>(8);

    @Override
    public void writeDeployment(String stack, dev.creact.engine.model.DeploymentState deployment) {
        Path file = deploymentFile(stack);
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            var d = deployment;
            ObjectNode header = (ObjectNode) Json.tree(new dev.creact.engine.model.DeploymentState(d.deploymentId(), d.stack(),
                    d.status(), null, null, d.order(), d.checkpoint(), d.failed(), d.error(), d.startedAt(), d.updatedAt(),
                    d.user(), d.host(), d.pid(), d.command()));
            header.remove("before");
            header.remove("target");
            // The status and the rest first (a status read stops there), then the two CloudDOMs as kept from the
            // last time they were written; compact, since the record is the engine's own, read back as JSON.
            String head = Json.write(header);
            var doc = new StringBuilder(head.length() + 64).append(head, 0, head.length() - 1);
            String separator = header.isEmpty() ? "" : ",";
            if (d.before() != null) {
                doc.append(separator).append("\"before\":").append(RECORD_TEXTS.get(d.before(), Json::write));
                separator = ",";
            }
            if (d.target() != null) {
                doc.append(separator).append("\"target\":").append(RECORD_TEXTS.get(d.target(), Json::write));
            }
            atomicWrite(file, doc.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public Journal openJournal(String stack, boolean fresh) {
        Path file = journalFile(stack);
        if (fresh && Files.exists(file)) {
            try {
                Files.move(file, file.resolveSibling("journal.previous.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot rotate the journal " + file + ": " + IoFailure.reason(e), e);
            }
        }
        return new FileJournal(file);
    }

    @Override
    public List<JsonNode> readJournal(String stack) {
        return FileJournal.read(journalFile(stack));
    }

    @Override
    public String describe() {
        return "file (" + root.resolve(".creact") + ")";
    }

    @Override
    public Optional<StateSnapshot> read(String stack) {
        Path file = stateFile(stack);
        if (!Files.exists(file)) {
            refuseLostState(stack);
            return Optional.empty();
        }
        return Optional.of(parse(file, stack));
    }

    /** Refuses a stack whose state file is missing while it shows it was deployed: never a silent fresh start. */
    private void refuseLostState(String stack) {
        var evidence = lostStateEvidence(stack);
        if (evidence.isEmpty()) {
            return;
        }
        String state = display(stateFile(stack));
        String restore = Files.exists(backupFile(stack)) && backupSerial(stack).startsWith("serial ")
                ? "restore the backup (" + backupSerial(stack) + ", one deployment older at most) with `cp "
                + display(backupFile(stack)) + " " + state + "` and run `creact plan` (or `creact refresh`) to see what differs; or "
                : "";
        throw new StateCorruptException(stateFile(stack), "state file " + state + " of stack '" + stack
                + "' is missing, but the stack was deployed: " + String.join(", ", evidence)
                + ". creact will not start from an empty state (it would create every resource again). To recover, "
                + restore + "adopt what exists with `creact import`, or start over with `creact stack rm " + stack
                + " --force` (resources already deployed would then be created again).");
    }

    @Override
    public long write(String stack, CloudDom cloudDom, long expectedSerial) {
        Path file = stateFile(stack);
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            // Read, compare and write under a lock that holds across processes (and across backend
            // instances in one process), so two writers that read the same serial cannot both write.
            return FileMutex.withLock(stackDir(stack).resolve("state.json.lock"), () -> {
                long serial = 0;
                byte[] old = null;
                if (Files.exists(file)) {
                    old = Files.readAllBytes(file);
                    serial = parse(file, old, stack).serial(); // refuses (throws) when the current file is not good
                } else if (expectedSerial == 0) {
                    refuseLostState(stack);
                }
                if (serial != expectedSerial) {
                    throw new SerialConflictException(stack, expectedSerial, serial);
                }
                if (old != null) {
                    atomicWrite(backupFile(stack), old);
                }
                writeState(file, stack, cloudDom, serial + 1);
                return serial + 1;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public void importState(String stack, StateSnapshot snapshot) {
        Path file = stateFile(stack);
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            FileMutex.withLock(stackDir(stack).resolve("state.json.lock"), () -> {
                if (Files.exists(file)) {
                    atomicWrite(backupFile(stack), Files.readAllBytes(file));
                }
                writeState(file, stack, snapshot.cloudDom(), snapshot.serial());
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file + ": " + IoFailure.reason(e), e);
        }
    }

    private static void writeState(Path file, String stack, CloudDom cloudDom, long serial) throws IOException {
        ObjectNode content = Json.mapper().createObjectNode();
        content.put("formatVersion", FORMAT_VERSION);
        content.put("stack", stack);
        content.put("serial", serial);
        content.set("cloudDom", Json.tree(cloudDom));
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("checksum", checksum(content));
        doc.set("content", content);
        atomicWrite(file, (Json.writePretty(doc) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The files of a stack's folder that are the backend's own, not documents. */
    private static final java.util.Set<String> OWN_FILES = java.util.Set.of("state.json", "state.json.bak",
            "state.json.lock", "deployment.json", "lock.json");

    @Override
    public List<String> documents(String stack) {
        return filesOf(stack, n -> !OWN_FILES.contains(n) && !n.endsWith(".jsonl") && !n.endsWith(".tmp") && !n.endsWith(".lock")
                && !n.startsWith("lock.json.") && DOCUMENT_NAME.matcher(n).matches());
    }

    @Override
    public List<String> logs(String stack) {
        return filesOf(stack, n -> n.endsWith(".jsonl") && !n.equals("journal.jsonl") && !n.equals("journal.previous.jsonl"))
                .stream().map(n -> n.substring(0, n.length() - ".jsonl".length()))
                .filter(n -> DOCUMENT_NAME.matcher(n).matches()).toList();
    }

    private List<String> filesOf(String stack, java.util.function.Predicate<String> keep) {
        Path dir = stackDir(stack);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + display(dir) + ": " + IoFailure.reason(e), e);
        }
    }

    /** A parsed state file and the stack it was checked against. */
    private record ParsedState(String stack, StateSnapshot snapshot) {
    }

    private StateSnapshot parse(Path file, String stack) {
        return parse(file, readBytes(file), stack);
    }

    private StateSnapshot parse(Path file, byte[] bytes, String stack) {
        try {
            var parsed = ParsedFiles.parse(file, bytes, ParsedState.class, b -> new ParsedState(stack, parseUncached(file, b, stack)));
            return parsed.stack().equals(stack) ? parsed.snapshot() : parseUncached(file, bytes, stack);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StateCorruptException(file, "state file " + display(file) + " cannot be read ("
                    + firstLine(e.getMessage()) + ").");
        }
    }

    private StateSnapshot parseUncached(Path file, byte[] bytes, String stack) {
        String rel = display(file);
        String recover = recovery(stack);
        JsonNode doc;
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new StateCorruptException(file, "state file " + rel + " is empty (truncated?). " + recover);
            }
            doc = Json.mapper().readTree(text);
        } catch (StateCorruptException e) {
            throw e;
        } catch (IOException e) {
            throw new StateCorruptException(file, "state file " + rel + " is not valid JSON (truncated or damaged: "
                    + firstLine(e.getMessage()) + "). " + recover);
        }
        JsonNode content = doc.path("content");
        String expected = doc.path("checksum").asText("");
        if (!content.isObject() || expected.isEmpty()) {
            throw new StateCorruptException(file, "state file " + rel
                    + " is not a creact state file (no checksum or content). " + recover);
        }
        int version = content.path("formatVersion").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new StateCorruptException(file, "state file " + rel + " has format version " + version
                    + ", written by a newer creact (this one reads version " + FORMAT_VERSION
                    + "). Upgrade creact; the file was left as it is.");
        }
        String actual = checksum(content);
        if (!actual.equals(expected)) {
            throw new StateCorruptException(file, "state file " + rel
                    + " does not match its checksum: it was changed outside creact (edited by hand or damaged). "
                    + recover);
        }
        if (!stack.equals(content.path("stack").asText())) {
            throw new StateCorruptException(file, "state file " + rel + " belongs to stack '"
                    + content.path("stack").asText() + "', not '" + stack + "'. " + recover);
        }
        try {
            var dom = Json.mapper().treeToValue(content.path("cloudDom"), CloudDom.class);
            return new StateSnapshot(content.path("serial").asLong(), dom);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new StateCorruptException(file, "state file " + rel + " has a CloudDOM creact cannot read ("
                    + firstLine(e.getMessage()) + "). " + recover);
        }
    }

    private String recovery(String stack) {
        String state = display(stateFile(stack));
        String backup = display(backupFile(stack));
        String restore = !Files.exists(backupFile(stack)) ? ""
                : backupSerial(stack).startsWith("serial ")
                ? "restore the last good copy (" + backupSerial(stack) + ") with `cp " + backup + " " + state + "`, or "
                : "(the backup " + backup + " is " + backupSerial(stack) + ") ";
        return "creact will neither use nor overwrite it. To recover, " + restore
                + "move it away to start from an empty state (resources already deployed would then be planned as new).";
    }

    private String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String checksum(JsonNode content) {
        try {
            byte[] bytes = Json.write(content).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Temp file in the same folder, fsync, rename over the target, fsync the folder. */
    static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot sync a folder; the rename itself is still atomic
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
