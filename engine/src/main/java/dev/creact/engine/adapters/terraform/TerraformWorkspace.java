package dev.creact.engine.adapters.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.adapters.AdapterError;
import dev.creact.engine.adapters.Artifact;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ResourceStore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One module's Terraform working directory: the root module creact generates there ({@code main.tf.json}:
 * the user's module called with the declared vars, its outputs passed through), and the local state file,
 * kept in step with the copy in creact's backend.
 *
 * <p>The backend's copy is the one a team shares; the local file is what Terraform reads and writes while
 * it runs. Before a run the fresher of the two is used (same lineage: the higher serial; otherwise the
 * backend's), and after every run, failed or not, the local file is saved to the backend. A local file
 * fresher than the backend's is one a killed creact left behind while Terraform went on to finish.
 */
final class TerraformWorkspace {
    static final String ROOT_FILE = "main.tf.json";
    static final String STATE_FILE = "terraform.tfstate";
    /** The backend document (per resource) that holds the module's Terraform state. */
    static final String DOCUMENT = "tfstate.json";
    static final String MODULE = "m";

    private final Path dir;
    private final String resourceId;
    private final ResourceStore store;

    TerraformWorkspace(Path dir, String resourceId, ResourceStore store) {
        this.dir = dir;
        this.resourceId = resourceId;
        this.store = store;
    }

    Path dir() {
        return dir;
    }

    /**
     * The root module: {@code module "m"} with {@code source} the module's folder (relative, as Terraform
     * wants local sources) and every var as an argument, and one output per module output, sensitive where
     * the module's is. Strings are escaped so that {@code ${…}} in a var stays literal.
     */
    String rootModule(Path moduleDir, ObjectNode vars, Artifact artifact) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode call = root.putObject("module").putObject(MODULE);
        String relative = dir.toAbsolutePath().normalize().relativize(moduleDir.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        call.put("source", relative.startsWith("../") ? relative : "./" + relative);
        vars.properties().forEach(e -> call.set(e.getKey(), literal(e.getValue())));
        ObjectNode outputs = root.putObject("output");
        artifact.outputs().forEach((name, spec) -> {
            ObjectNode o = outputs.putObject(name);
            o.put("value", "${module." + MODULE + "." + name + "}");
            if (spec.sensitive()) {
                o.put("sensitive", true);
            }
        });
        if (artifact.outputs().isEmpty()) {
            root.remove("output");
        }
        return Json.writePretty(root) + "\n";
    }

    /**
     * Writes the root module; true when {@code terraform init} must run (again): the working directory was
     * never initialised, or for another module source or other module files ({@code initKey}). A change of
     * vars alone needs no init.
     */
    boolean writeRoot(String text, String initKey) throws AdapterError {
        try {
            Path root = dir.resolve(ROOT_FILE);
            Path stamp = dir.resolve(".creact-init");
            String initStamp = initKey;
            boolean same = Files.exists(root) && Files.readString(root).equals(text);
            if (!same) {
                dev.creact.engine.security.PrivateFiles.writeString(root, text);
            }
            boolean initialised = Files.isDirectory(dir.resolve(".terraform")) && Files.exists(stamp)
                    && Files.readString(stamp).equals(initStamp);
            return !initialised;
        } catch (IOException e) {
            throw AdapterError.permanent("terraform", "cannot write " + dir.resolve(ROOT_FILE) + ": " + e.getMessage());
        }
    }

    /**
     * Takes {@code other}'s initialisation ({@code .terraform/} and the provider lock file) when it was made
     * for the same {@code initKey}: the scratch directory of a plan is initialised just like the working
     * directory, and both sit at the same depth, so its module manifest's relative paths hold here too.
     * True when it did (no {@code terraform init} needed).
     */
    boolean adoptInitialisation(Path other, String initKey) {
        try {
            Path stamp = other.resolve(".creact-init");
            if (!Files.isDirectory(other.resolve(".terraform")) || !Files.exists(stamp)
                    || !Files.readString(stamp).equals(initKey) || !other.getParent().equals(dir.getParent())) {
                return false;
            }
            copyTree(other.resolve(".terraform"), dir.resolve(".terraform"));
            Path lock = other.resolve(".terraform.lock.hcl");
            if (Files.exists(lock)) {
                dev.creact.engine.security.PrivateFiles.copy(lock, dir.resolve(".terraform.lock.hcl"));
            }
            markInitialised(initKey);
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // terraform init does it then
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    dev.creact.engine.security.PrivateFiles.createDirectories(target);
                } else {
                    dev.creact.engine.security.PrivateFiles.copy(p, target);
                }
            }
        }
    }

    void markInitialised(String initKey) {
        try {
            dev.creact.engine.security.PrivateFiles.writeString(dir.resolve(".creact-init"), initKey);
        } catch (IOException e) {
            // the next run initialises again: slower, not wrong
        }
    }

    private static JsonNode literal(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(value.asText().replace("${", "$${").replace("%{", "%%{"));
        }
        if (value.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> o.set(e.getKey(), literal(e.getValue())));
            return o;
        }
        if (value.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            value.forEach(e -> a.add(literal(e)));
            return a;
        }
        return value;
    }

    // ------------------------------------------------------------------ state

    /** Puts the fresher of the backend's copy and the local file in place as the local file. */
    void restore() throws AdapterError {
        Optional<byte[]> shared = store.read(resourceId, DOCUMENT);
        if (shared.isEmpty()) {
            return;
        }
        JsonNode local = parse(localBytes());
        JsonNode remote = parse(shared.get());
        if (remote == null) {
            return;
        }
        if (local != null && local.path("lineage").asText().equals(remote.path("lineage").asText())
                && local.path("serial").asLong() >= remote.path("serial").asLong()) {
            return;
        }
        try {
            dev.creact.engine.security.PrivateFiles.write(dir.resolve(STATE_FILE), shared.get());
        } catch (IOException e) {
            throw AdapterError.permanent("terraform", "cannot restore the module's state into " + dir + ": " + e.getMessage());
        }
    }

    /** Saves the local file to the backend, when it holds a state (even after a failed run). */
    void save() {
        byte[] bytes = localBytes();
        if (parse(bytes) == null) {
            return;
        }
        Optional<byte[]> shared = store.read(resourceId, DOCUMENT);
        if (shared.isPresent() && java.util.Arrays.equals(shared.get(), bytes)) {
            return;
        }
        store.write(resourceId, DOCUMENT, bytes);
    }

    /**
     * Waits until no Terraform process holds the local state's lock (one a killed creact left running),
     * up to {@code deadline}. Terraform's local backend locks the state file with fcntl, as Java's file
     * locks do on Linux, so taking and releasing the lock here waits for it.
     */
    void awaitUnlocked(Instant deadline) throws AdapterError {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(state, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            while (true) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        lock.release();
                        return;
                    }
                } catch (OverlappingFileLockException e) {
                    // held in this process: another call for the same module is running
                }
                if (Instant.now().isAfter(deadline)) {
                    throw AdapterError.transientFailure("terraform", "the module's state in " + dir
                            + " is still locked by a running terraform");
                }
                Thread.sleep(Duration.ofMillis(100));
            }
        } catch (IOException e) {
            throw AdapterError.permanent("terraform", "cannot open " + state + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdapterError.transientFailure("terraform", "interrupted while waiting for terraform's lock in " + dir);
        }
    }

    /** The local state as JSON, or null when there is none (missing, empty: a run that never saved). */
    JsonNode localState() {
        return parse(localBytes());
    }

    /** Whether a state records anything: resources or outputs. */
    static boolean holdsAnything(JsonNode state) {
        if (state == null) {
            return false;
        }
        for (JsonNode r : state.path("resources")) {
            if ("managed".equals(r.path("mode").asText()) && r.path("instances").size() > 0) {
                return true;
            }
        }
        return state.path("outputs").size() > 0;
    }

    static int resourceCount(JsonNode state) {
        int n = 0;
        if (state != null) {
            for (JsonNode r : state.path("resources")) {
                if ("managed".equals(r.path("mode").asText())) {
                    n += r.path("instances").size();
                }
            }
        }
        return n;
    }

    byte[] localBytes() {
        try {
            return Files.readAllBytes(dir.resolve(STATE_FILE));
        } catch (IOException e) {
            return new byte[0];
        }
    }

    byte[] sharedOrLocalBytes() {
        byte[] local = localBytes();
        JsonNode l = parse(local);
        Optional<byte[]> shared = store.read(resourceId, DOCUMENT);
        if (shared.isEmpty()) {
            return l == null ? new byte[0] : local;
        }
        JsonNode r = parse(shared.get());
        if (l != null && r != null && l.path("lineage").asText().equals(r.path("lineage").asText())
                && l.path("serial").asLong() >= r.path("serial").asLong()) {
            return local;
        }
        return r == null ? new byte[0] : shared.get();
    }

    static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            return tree != null && tree.isObject() && tree.has("lineage") ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }
}
