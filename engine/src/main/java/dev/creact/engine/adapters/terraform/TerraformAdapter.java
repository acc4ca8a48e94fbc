package dev.creact.engine.adapters.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.adapters.AdapterError;
import dev.creact.engine.adapters.Artifact;
import dev.creact.engine.adapters.BaseAdapter;
import dev.creact.engine.adapters.Materialization;
import dev.creact.engine.adapters.ToolProcess;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.providers.PluginResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code creact/terraform}: a Terraform module as one creact resource ({@code <TerraformModule key="net"
 * source="./modules/net" vars={{…}} />}), its outputs the module's outputs by name.
 *
 * <ul>
 *   <li>At build time the module's variables and outputs are read from its {@code .tf} and
 *   {@code .tf.json} files: a missing required variable, an unknown one or a wrong type is a build error at
 *   the element; {@code moduleFiles} (a digest of the module's files) is added to the props, so editing the
 *   module shows as an update.</li>
 *   <li>A deploy runs the real {@code terraform} in the resource's own working directory
 *   ({@code .creact/adapters/terraform/<stack>/<id>-<hash>/}, with a generated root module calling the
 *   user's): {@code init -input=false}, {@code apply -auto-approve -input=false -json},
 *   {@code output -json}; {@code destroy} on delete. Progress comes from Terraform's JSON stream; outputs
 *   the module marks sensitive are listed as such in the resource's data and masked in messages.</li>
 *   <li>The module's Terraform state lives in creact's backend (a document per resource), restored before
 *   each run and saved after each, failed or not. A read (after an interrupted deploy) waits for a
 *   Terraform still running in the working directory, and says whether the module's resources exist.</li>
 *   <li>At plan time, a module the plan changes shows Terraform's own plan ({@code plan -json}, in a
 *   scratch copy, without the lock); an unchanged module costs no Terraform run.</li>
 * </ul>
 */
public final class TerraformAdapter extends BaseAdapter {
    static final String TYPE = "terraform:Module";
    private static final String TOOL = "terraform";
    private static final int DEFAULT_PARALLELISM = 10;
    private static final int CACHED_PLANS = 256;
    /** The scratch directory of a module's inner plans sits beside its working directory, with this suffix. */
    private static final String PLAN_SUFFIX = ".plan";

    /** Inner plans by what they were made from (desired props, the state, the action): a keystroke that changes no module runs no Terraform. */
    private final Map<String, InnerPlan> innerPlanCache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, InnerPlan> eldest) {
                    return size() > CACHED_PLANS;
                }
            });
    private final Map<String, Object> moduleLocks = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "terraform";
    }

    @Override
    public String description() {
        return "Terraform modules as resources, deployed with the terraform binary, their state kept in creact's backend";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/terraform";
    }

    @Override
    public Metadata metadata() {
        return new Metadata("terraform", "1", List.of("hcl", "tf.json"));
    }

    @Override
    public Capabilities describeCapabilities() {
        return new Capabilities(TOOL, toolVersion("terraform"), true, List.of("required variables", "unknown variables",
                "variable types", "module file digest"));
    }

    @Override
    protected Shape shape() {
        return new Shape("source", "vars", "moduleFiles", true);
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        var props = new LinkedHashMap<String, PropSpec>();
        props.put("source", new PropSpec("string", true, false, false));
        props.put("vars", new PropSpec("object", false, false, false));
        props.put("moduleFiles", new PropSpec("string", false, false, false));
        return List.of(new ConstructDeclaration("TerraformModule",
                new ConstructSchema(TYPE, props, List.of("moduleId"), false, false).withAdditionalOutputs(),
                "A Terraform module in the project (`source`, relative to the project root), applied with the given "
                        + "`vars`; its outputs are the module's outputs by name, plus `moduleId`."));
    }

    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(TerraformAdapter.class, "/dev/creact/engine/adapters/terraform/terraform.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                "binary", "the terraform executable (default: terraform on the PATH)",
                "parallelism", "terraform's -parallelism for apply, plan and destroy (default " + DEFAULT_PARALLELISM + ")",
                "pluginCacheDir", "TF_PLUGIN_CACHE_DIR for init, relative to the project (default .creact/adapters/terraform/plugin-cache)");
    }

    // ------------------------------------------------------------------ build time

    @Override
    public Artifact load(Path source, ObjectNode options) throws AdapterError {
        var files = files(source);
        var module = TerraformModuleReader.read(source, files);
        return new Artifact(source, module.variables(), module.outputs(), digest(source, files));
    }

    // ------------------------------------------------------------------ materialize

    @Override
    public Optional<Materialized> materialize(Materialization m) throws AdapterError {
        synchronized (moduleLocks.computeIfAbsent(m.workDir().toString(), k -> new Object())) {
            var ws = new TerraformWorkspace(m.workDir(), m.id(), m.store());
            return switch (m.operation()) {
                case CREATE, UPDATE -> Optional.of(apply(m, ws));
                case DELETE -> {
                    destroy(m, ws);
                    yield Optional.empty();
                }
                case INSPECT -> inspect(m, ws);
            };
        }
    }

    private Materialized apply(Materialization m, TerraformWorkspace ws) throws AdapterError {
        Artifact artifact = artifact(m.projectRoot(), m.props());
        ws.restore();
        init(m, ws, artifact);
        var stream = new TerraformStream(m.context().progress());
        ToolProcess.Outcome applied;
        try {
            applied = run(m, "apply", command(m, "apply", "-auto-approve", "-input=false", "-json", "-lock-timeout=10m",
                    "-parallelism=" + parallelism(m)), env(m), stream);
        } finally {
            ws.save(); // even after a failed run: terraform may have created part of the module
        }
        if (!applied.ok()) {
            throw failure(m, "apply", applied, stream);
        }
        var output = run(m, "output", command(m, "output", "-json", "-no-color"), env(m), line -> { });
        if (!output.ok()) {
            throw failure(m, "output", output, null);
        }
        JsonNode outputs;
        try {
            outputs = Json.mapper().readTree(output.stdout());
        } catch (IOException e) {
            throw AdapterError.permanent(TOOL, m.id() + ": terraform output -json printed something that is not JSON");
        }
        return materialized(m, outputs, ws.localState());
    }

    private void destroy(Materialization m, TerraformWorkspace ws) throws AdapterError {
        ws.restore();
        if (!TerraformWorkspace.holdsAnything(ws.localState())) {
            return; // nothing was ever created, or it is gone already
        }
        Artifact artifact = artifact(m.projectRoot(), m.props());
        init(m, ws, artifact);
        var stream = new TerraformStream(m.context().progress());
        ToolProcess.Outcome destroyed;
        try {
            destroyed = run(m, "destroy", command(m, "destroy", "-auto-approve", "-input=false", "-json",
                    "-lock-timeout=10m", "-parallelism=" + parallelism(m)), env(m), stream);
        } finally {
            ws.save();
        }
        if (!destroyed.ok()) {
            throw failure(m, "destroy", destroyed, stream);
        }
    }

    /**
     * Whether the module's resources exist: the state (the fresher of the backend's and the local one, after
     * any terraform still running there finished) records resources or outputs. Its outputs are the state's.
     */
    private Optional<Materialized> inspect(Materialization m, TerraformWorkspace ws) throws AdapterError {
        ws.restore();
        ws.awaitUnlocked(m.context().deadline().equals(java.time.Instant.MAX)
                ? java.time.Instant.now().plus(LOCK_WAIT) : m.context().deadline());
        ws.save();
        JsonNode state = ws.localState();
        if (!TerraformWorkspace.holdsAnything(state)) {
            return Optional.empty();
        }
        return Optional.of(materialized(m, state.path("outputs"), state));
    }

    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofMinutes(10);

    private Materialized materialized(Materialization m, JsonNode outputs, JsonNode state) {
        ObjectNode external = JsonNodeFactory.instance.objectNode();
        external.set("outputs", outputs == null ? JsonNodeFactory.instance.objectNode() : outputs.deepCopy());
        external.put("moduleId", moduleId(m));
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("moduleId", moduleId(m));
        var sensitive = new TreeSet<String>();
        if (outputs != null) {
            outputs.properties().forEach(e -> {
                if (e.getValue().path("sensitive").asBoolean(false)) {
                    sensitive.add(e.getKey());
                }
            });
        }
        var list = data.putArray("sensitiveOutputs");
        sensitive.forEach(list::add);
        data.put("resources", TerraformWorkspace.resourceCount(state));
        if (state != null) {
            data.put("lineage", state.path("lineage").asText());
            data.put("serial", state.path("serial").asLong());
        }
        return new Materialized(external, data);
    }

    /** The module's outputs by name (their values), and {@code moduleId}. */
    @Override
    public ObjectNode mapOutputs(JsonNode external) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        external.path("outputs").properties().forEach(e -> out.set(e.getKey(), e.getValue().path("value").deepCopy()));
        out.put("moduleId", external.path("moduleId").asText());
        return out;
    }

    /** The same module with the same inputs has the same id in every working copy, on every machine. */
    static String moduleId(Materialization m) {
        JsonNode config = JsonNodeFactory.instance.objectNode()
                .<ObjectNode>set("vars", m.props().path("vars").deepCopy())
                .put("moduleFiles", m.props().path("moduleFiles").asText());
        return generateDeterministicId(m.props().path("source").asText().replaceFirst("^\\./", ""), config);
    }

    // ------------------------------------------------------------------ plan time

    @Override
    protected InnerPlan innerPlan(Materialization m, Action action) throws AdapterError {
        JsonNode vars = m.props().path("vars");
        var waiting = new TreeSet<String>();
        collectRefs(vars, waiting);
        if (!waiting.isEmpty()) {
            return InnerPlan.unavailable(TOOL, "its vars wait for outputs known only after deploy ("
                    + String.join(", ", waiting) + "); terraform plans it when it applies");
        }
        var live = new TerraformWorkspace(m.workDir(), m.id(), m.store());
        byte[] state = action == Action.REPLACE ? new byte[0] : live.sharedOrLocalBytes();
        String key = sha256(Json.write(m.props()) + "\n" + action + "\n" + sha256(state));
        InnerPlan cached = innerPlanCache.get(key);
        if (cached != null) {
            return cached;
        }
        Path scratch = m.workDir().resolveSibling(m.workDir().getFileName() + PLAN_SUFFIX);
        synchronized (moduleLocks.computeIfAbsent(scratch.toString(), k -> new Object())) {
            try {
                dev.creact.engine.security.PrivateFiles.createDirectories(scratch);
                Path stateFile = scratch.resolve(TerraformWorkspace.STATE_FILE);
                if (state.length == 0) {
                    Files.deleteIfExists(stateFile);
                } else {
                    dev.creact.engine.security.PrivateFiles.write(stateFile, state);
                }
            } catch (IOException e) {
                throw AdapterError.permanent(TOOL, "cannot prepare " + scratch + ": " + e.getMessage());
            }
            var pm = new Materialization(m.operation(), m.id(), m.type(), m.props(), m.outputs(), m.providerData(),
                    m.projectRoot(), scratch, m.store(), m.settings(), m.context(), m.redactor());
            var ws = new TerraformWorkspace(scratch, m.id(), m.store());
            Artifact artifact = artifact(m.projectRoot(), m.props());
            init(pm, ws, artifact);
            var stream = new TerraformStream(line -> { });
            var planned = run(pm, "plan", command(pm, "plan", "-input=false", "-json", "-lock=false",
                    "-parallelism=" + parallelism(pm)), env(pm), stream);
            if (!planned.ok()) {
                throw failure(pm, "plan", planned, stream);
            }
            var plan = new InnerPlan(TOOL, stream.planned(), stream.summary(), null);
            innerPlanCache.put(key, plan);
            return plan;
        }
    }

    private static void collectRefs(JsonNode v, java.util.Set<String> out) {
        if (v.isTextual()) {
            OutputRef.findIn(v.asText()).forEach(r -> out.add(r.resourceId() + "#" + r.output()));
        } else if (v.isContainerNode()) {
            v.forEach(e -> collectRefs(e, out));
        }
    }

    // ------------------------------------------------------------------ running terraform

    private void init(Materialization m, TerraformWorkspace ws, Artifact artifact) throws AdapterError {
        JsonNode vars = m.props().path("vars");
        String root = ws.rootModule(artifact.source(), vars.isObject() ? (ObjectNode) vars
                : JsonNodeFactory.instance.objectNode(), artifact);
        String initKey = artifact.source() + "\n" + artifact.digest();
        if (!ws.writeRoot(root, initKey)) {
            return;
        }
        Path sibling = m.workDir().getFileName().toString().endsWith(PLAN_SUFFIX)
                ? m.workDir().resolveSibling(m.workDir().getFileName().toString().replaceFirst("\\.plan$", ""))
                : m.workDir().resolveSibling(m.workDir().getFileName() + PLAN_SUFFIX);
        if (ws.adoptInitialisation(sibling, initKey)) {
            return;
        }
        var init = run(m, "init", command(m, "init", "-input=false", "-no-color"), env(m), line -> { });
        if (!init.ok()) {
            throw failure(m, "init", init, null);
        }
        ws.markInitialised(initKey);
    }

    private static List<String> command(Materialization m, String... args) {
        var argv = new ArrayList<String>();
        argv.add(m.settings().path("binary").asText("terraform"));
        argv.addAll(List.of(args));
        return argv;
    }

    private static int parallelism(Materialization m) {
        return Math.max(1, m.settings().path("parallelism").asInt(DEFAULT_PARALLELISM));
    }

    private static Map<String, String> env(Materialization m) throws AdapterError {
        var env = new LinkedHashMap<String, String>();
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1"); // no call home from a deploy
        Path cache = m.projectRoot().resolve(m.settings().path("pluginCacheDir").asText(".creact/adapters/terraform/plugin-cache"));
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(cache);
            String configured = System.getenv("TF_CLI_CONFIG_FILE");
            if (configured != null && !Files.exists(Path.of(configured))) {
                // A CLI configuration that names a missing file makes terraform warn on every run.
                Path empty = m.projectRoot().resolve(".creact/adapters/terraform/terraformrc");
                if (!Files.exists(empty)) {
                    dev.creact.engine.security.PrivateFiles.writeString(empty, "# no settings: creact stands in for a missing TF_CLI_CONFIG_FILE\n");
                }
                env.put("TF_CLI_CONFIG_FILE", empty.toString());
            }
        } catch (IOException e) {
            throw AdapterError.permanent(TOOL, "cannot make " + cache + ": " + e.getMessage());
        }
        env.put("TF_PLUGIN_CACHE_DIR", cache.toAbsolutePath().toString());
        return env;
    }

    /** Terraform's own error: its error diagnostics, else the end of what it printed. */
    private static AdapterError failure(Materialization m, String step, ToolProcess.Outcome outcome, TerraformStream stream) {
        var sb = new StringBuilder("terraform ").append(step);
        if (outcome.cancelled()) {
            sb.append(" was cancelled (terraform stopped after what it was doing; its state is saved)");
            return AdapterError.permanent(TOOL, sb.toString());
        }
        sb.append(" failed (exit ").append(outcome.exitCode()).append(")");
        if (stream != null && !stream.errors().isEmpty()) {
            sb.append(": ").append(String.join("; ", stream.errors()));
        } else {
            String text = outcome.stderr().isBlank() ? outcome.stdout() : outcome.stderr();
            var lines = text.lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.matches("[╷│╵]*")).map(l -> l.replaceFirst("^[│╷╵]\\s*", ""))
                    .filter(l -> !l.isEmpty()).toList();
            if (!lines.isEmpty()) {
                sb.append(": ").append(String.join(" ", lines.subList(Math.max(0, lines.size() - 12), lines.size())));
            }
        }
        return AdapterError.permanent(TOOL, m.redactor().redact(sb.toString()));
    }

    private static Optional<String> toolVersion(String binary) {
        try {
            Process p = new ProcessBuilder(binary, "version", "-json").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            int brace = text.indexOf('{');
            return Optional.ofNullable(Json.mapper().readTree(text.substring(Math.max(0, brace)))
                    .path("terraform_version").asText(null));
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
