package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.model.Suggestions;
import dev.creact.engine.provider.InnerPlanning;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What every IaC adapter shares, and the only way its work reaches the deployer.
 *
 * <ul>
 *   <li><b>Build-time checks</b> ({@link #load(Declaration)}, final): the declaration's source is a folder
 *   inside the project, the artefact is read ({@link #load(Path, ObjectNode)}, cached by its files' stamps),
 *   required inputs are given, unknown ones are named with a suggestion, types fit, and a digest of the
 *   artefact's files becomes a prop so that editing one shows as an update.</li>
 *   <li><b>The provider</b> ({@link #open}, final): create, update and delete each make one
 *   {@link Materialization} call with the resource's own working directory, and read makes an inspect.
 *   There is no loop, no retry, no state of its own and no rollback here, and an adapter cannot add them:
 *   it cannot hand out another provider, and a failure goes to the deployer as it is (an
 *   {@link AdapterError}, permanent unless the adapter says it is transient), which alone decides what
 *   happens next.</li>
 *   <li><b>Shared means</b>: deterministic ids ({@link #generateDeterministicId}), the working directory,
 *   running the tool ({@link #run}: a child process with deadline, cancellation and redacted output).</li>
 * </ul>
 */
public abstract class BaseAdapter implements IacAdapter {
    /**
     * The props an adapter's construct uses for its artefact.
     *
     * @param source        the prop naming the artefact's folder ({@code source}, {@code chart})
     * @param inputs        the prop holding its inputs ({@code vars}, {@code values})
     * @param digest        the prop the build sets to the artefact's digest ({@code moduleFiles})
     * @param checkInputs   whether inputs are checked against the artefact's declared inputs (unknown,
     *                      missing, types); an adapter with its own schema check says false
     */
    public record Shape(String source, String inputs, String digest, boolean checkInputs) {
    }

    private final Map<Path, CachedArtifact> loadCache = new ConcurrentHashMap<>();

    private record CachedArtifact(List<String> stamps, Artifact artifact) {
    }

    protected BaseAdapter() {
    }

    /** The props of this adapter's construct. */
    protected abstract Shape shape();

    /**
     * More build-time findings for one declaration (a values schema), beyond those every adapter makes.
     * Default: none.
     */
    protected List<Finding> checkInputs(Artifact artifact, ObjectNode inputs) {
        return List.of();
    }

    /**
     * The tool's own plan inside one resource, at plan time; default: none. Must write nothing that a deploy
     * reads (plan in a scratch directory, without taking the tool's lock).
     */
    protected InnerPlan innerPlan(Materialization m, Action action) throws AdapterError {
        return null;
    }

    // ------------------------------------------------------------------ shared means

    /** See {@link DeterministicIds#generateDeterministicId}. */
    public static String generateDeterministicId(String source, JsonNode config) {
        return DeterministicIds.generateDeterministicId(source, config);
    }

    /** Runs the tool for {@code m} (see {@link ToolProcess}); lines of its output go to {@code lines}. */
    protected final ToolProcess.Outcome run(Materialization m, String step, List<String> argv, Map<String, String> env,
                                            java.util.function.Consumer<String> lines) throws AdapterError {
        return ToolProcess.run(new ToolProcess.Command(metadata().name(), argv, m.workDir(), env, step), m.context(),
                m.redactor(), lines);
    }

    /** The artefact of a declaration's props, read (or taken from the cache) as at build time. */
    protected final Artifact artifact(Path projectRoot, ObjectNode props) throws AdapterError {
        JsonNode source = props.get(shape().source());
        if (source == null || !source.isTextual()) {
            throw AdapterError.permanent(metadata().name(), "prop '" + shape().source() + "' must be a path");
        }
        Path folder = sourceFolder(projectRoot, source.asText());
        if (folder == null) {
            throw AdapterError.permanent(metadata().name(), shape().source() + " '" + source.asText()
                    + "' is not a folder inside the project");
        }
        return cachedLoad(folder, props);
    }

    /** Where {@code id} of {@code stack} keeps its files: {@code .creact/adapters/<adapter>/<stack>/<id>-<hash>}. */
    public final Path workDirectory(Path projectRoot, String stack, String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        String hash = DeterministicIds.sha256(stack + "\n" + id).substring(0, 8);
        return projectRoot.resolve(".creact").resolve("adapters").resolve(metadata().name()).resolve(stack)
                .resolve(safe + "-" + hash);
    }

    // ------------------------------------------------------------------ build time (final)

    @Override
    public final Loaded load(Declaration declaration) {
        return check(declaration);
    }

    private Loaded check(Declaration d) {
        String name = metadata().name();
        var shape = shape();
        var findings = new ArrayList<Finding>();
        JsonNode source = d.props().get(shape.source());
        if (d.props().has(shape.digest())) {
            findings.add(new Finding(name + "-reserved-prop", "prop '" + shape.digest() + "' is set by creact from the "
                    + shape.source() + "'s files", "remove " + shape.digest() + " from the declaration"));
        }
        if (source == null || !source.isTextual()) {
            return new Loaded(null, findings); // the schema check reports it
        }
        if (!OutputRef.findIn(source.asText()).isEmpty()) {
            findings.add(new Finding(name + "-unknown-source", shape.source() + " must be known when the stack is built, "
                    + "not an output of another resource", "write the folder as a literal path"));
            return new Loaded(null, findings);
        }
        Path folder = sourceFolder(d.projectRoot(), source.asText());
        if (folder == null) {
            findings.add(new Finding(name + "-bad-source", shape.source() + " '" + source.asText()
                    + "' is not a folder inside the project",
                    "give a path relative to the project root, such as ./modules/net; remote sources are not fetched: "
                            + "download them into the project first"));
            return new Loaded(null, findings);
        }
        Artifact artifact;
        try {
            artifact = cachedLoad(folder, d.props());
        } catch (AdapterError e) {
            findings.add(new Finding(name + "-unreadable", e.getMessage(), null));
            return new Loaded(null, findings);
        }
        JsonNode given = d.props().get(shape.inputs());
        ObjectNode inputs = given != null && given.isObject() ? (ObjectNode) given : JsonNodeFactory.instance.objectNode();
        String where = shape.source() + " " + source.asText();
        if (shape.checkInputs()) {
            artifact.inputs().forEach((input, spec) -> {
                JsonNode value = inputs.get(input);
                if ((value == null || value.isNull()) && spec.required()) {
                    findings.add(new Finding(name + "-missing-input", where + " needs " + shape.inputs() + "." + input
                            + " (" + spec.type() + ")" + (spec.description().isEmpty() ? "" : ": " + spec.description()),
                            "add " + input + " to " + shape.inputs() + "={{ … }}"));
                } else if (value != null) {
                    String wrong = InputTypes.mismatch(value, spec.type());
                    if (wrong != null) {
                        findings.add(new Finding(name + "-input-type", shape.inputs() + "." + input + " must be "
                                + spec.type() + " (as " + where + " declares it), but is " + wrong, null));
                    }
                }
            });
            inputs.fieldNames().forEachRemaining(input -> {
                if (!artifact.inputs().containsKey(input)) {
                    findings.add(new Finding(name + "-unknown-input", where + " has no input '" + input + "'"
                            + Suggestions.didYouMean(input, artifact.inputs().keySet()),
                            artifact.inputs().isEmpty() ? "it takes no inputs" : "its inputs are "
                                    + String.join(", ", new TreeSet<>(artifact.inputs().keySet()))));
                }
            });
        }
        findings.addAll(checkInputs(artifact, inputs));
        ObjectNode added = JsonNodeFactory.instance.objectNode().put(shape.digest(), artifact.digest());
        return new Loaded(added, findings);
    }

    private Artifact cachedLoad(Path folder, ObjectNode props) throws AdapterError {
        List<String> stamps = stamps(folder);
        CachedArtifact hit = loadCache.get(folder);
        if (hit != null && hit.stamps().equals(stamps)) {
            return hit.artifact();
        }
        Artifact artifact = load(folder, props);
        loadCache.put(folder, new CachedArtifact(stamps, artifact));
        return artifact;
    }

    /** A folder inside the project, or null. */
    private static Path sourceFolder(Path projectRoot, String relative) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path folder;
        try {
            folder = root.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return folder.startsWith(root) && Files.isDirectory(folder) ? folder : null;
    }

    /** The artefact's files as {@code name size mtime}: what the cache compares. */
    private static List<String> stamps(Path folder) throws AdapterError {
        var out = new ArrayList<String>();
        for (Path f : files(folder)) {
            try {
                out.add(folder.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                out.add(folder.relativize(f) + " ?");
            }
        }
        return out;
    }

    /**
     * The artefact's files, in name order: every regular file under {@code folder} except hidden ones and
     * those in hidden folders (a tool's caches such as {@code .terraform/}).
     */
    protected static List<Path> files(Path folder) throws AdapterError {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : folder.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw AdapterError.permanent("creact", "cannot list " + folder + ": " + e.getMessage());
        }
    }

    /** SHA-256 over the files' relative names and contents, in name order ({@code sha256:<hex>}). */
    protected static String digest(Path folder, List<Path> files) throws AdapterError {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(folder.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
                sha.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw AdapterError.permanent("creact", "cannot read " + folder + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the provider (final)

    /** Create, read, update and delete as a provider can; nothing more. */
    @Override
    public final Set<String> capabilities() {
        return Set.of("create", "read", "update", "delete");
    }

    @Override
    public final Provider open(ProviderContext context) {
        return new AdapterProvider(this, context);
    }

    /**
     * The provider of an adapter: each call is one materialisation, its failure the deployer's to handle.
     * Final, and made only here: an adapter cannot put a loop, a retry or a rollback around its own calls.
     */
    private static final class AdapterProvider implements Provider, InnerPlanning {
        private final BaseAdapter adapter;
        private final ProviderContext context;

        AdapterProvider(BaseAdapter adapter, ProviderContext context) {
            this.adapter = adapter;
            this.context = context;
        }

        @Override
        public String name() {
            return adapter.name();
        }

        @Override
        public Set<String> typePatterns() {
            return adapter.typePatterns();
        }

        @Override
        public ResourceResult create(ResourceRequest request) throws ProviderException {
            return result(call(request, Materialization.Operation.CREATE).orElseThrow(() -> AdapterError.permanent(
                    adapter.name(), request.id() + ": " + adapter.name() + " reported nothing created")), request);
        }

        @Override
        public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
            return call(request, Materialization.Operation.INSPECT).map(found -> result(found, request));
        }

        @Override
        public ResourceResult update(ResourceRequest request) throws ProviderException {
            return result(call(request, Materialization.Operation.UPDATE).orElseThrow(() -> AdapterError.permanent(
                    adapter.name(), request.id() + ": " + adapter.name() + " reported nothing updated")), request);
        }

        @Override
        public void delete(ResourceRequest request) throws ProviderException {
            call(request, Materialization.Operation.DELETE);
        }

        @Override
        public InnerPlan innerPlan(ResourceRequest request, Action action) throws ProviderException {
            try {
                return adapter.innerPlan(materialization(request, Materialization.Operation.INSPECT), action);
            } catch (AdapterError e) {
                throw e;
            } catch (RuntimeException e) {
                throw AdapterError.permanent(adapter.name(), request.id() + ": planning failed: " + e, e);
            }
        }

        private Optional<IacAdapter.Materialized> call(ResourceRequest request, Materialization.Operation op)
                throws AdapterError {
            try {
                return adapter.materialize(materialization(request, op));
            } catch (AdapterError e) {
                throw e;
            } catch (RuntimeException e) {
                throw AdapterError.permanent(adapter.name(), request.id() + ": " + adapter.name() + " adapter failed: " + e, e);
            }
        }

        private Materialization materialization(ResourceRequest request, Materialization.Operation op) throws AdapterError {
            Path workDir = adapter.workDirectory(context.projectRoot(), context.stack(), request.id());
            try {
                dev.creact.engine.security.PrivateFiles.createDirectories(workDir);
            } catch (IOException e) {
                throw AdapterError.permanent(adapter.name(), "cannot make the working directory " + workDir + ": " + e.getMessage());
            }
            Redactor redactor = Redactor.none();
            try {
                Artifact artifact = adapter.artifact(context.projectRoot(), request.props());
                JsonNode inputs = request.props().path(adapter.shape().inputs());
                var secrets = new ArrayList<JsonNode>();
                artifact.inputs().forEach((name, spec) -> {
                    if (spec.sensitive() && inputs.has(name)) {
                        secrets.add(inputs.get(name));
                    }
                });
                redactor = Redactor.of(secrets);
            } catch (AdapterError e) {
                if (op != Materialization.Operation.DELETE && op != Materialization.Operation.INSPECT) {
                    throw e;
                } // a module removed from disk can still be destroyed from its state
            }
            return new Materialization(op, request.id(), request.type(), request.props(), request.outputs(),
                    request.providerData(), context.projectRoot(), workDir, context.store(), context.settings(),
                    request.context(), redactor);
        }

        private ResourceResult result(IacAdapter.Materialized m, ResourceRequest request) {
            return new ResourceResult(adapter.mapOutputs(m.external()), m.providerData());
        }
    }
}
