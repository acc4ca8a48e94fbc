package dev.creact.engine.adapters.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.adapters.AdapterError;
import dev.creact.engine.adapters.Artifact;
import dev.creact.engine.adapters.BaseAdapter;
import dev.creact.engine.adapters.Materialization;
import dev.creact.engine.adapters.ToolProcess;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.providers.PluginResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code creact/helm}: a Helm release of a chart in the project as one creact resource
 * ({@code <HelmRelease key="web" chart="./charts/web" namespace="web" values={{…}} />}).
 *
 * <ul>
 *   <li>At build time the chart is read ({@code Chart.yaml}, {@code values.yaml}) and, when it has a
 *   {@code values.schema.json}, the values (over the chart's defaults) are checked against it: a wrong
 *   value is a build error at the element. {@code chartFiles}, a digest of the chart, is added to the props,
 *   so editing a template shows as an update.</li>
 *   <li>A deploy runs {@code helm upgrade --install --wait --output json} (values from a file in the
 *   release's working directory); a delete runs {@code helm uninstall}; a read runs {@code helm status}.
 *   Kubeconfig and context come from the provider's settings. Outputs: {@code name}, {@code revision},
 *   {@code status}, {@code namespace} and {@code resources} (the manifest's objects as {@code Kind/name}).</li>
 *   <li>Helm keeps a release's state in the cluster itself; creact keeps only the outputs.</li>
 * </ul>
 */
public final class HelmAdapter extends BaseAdapter {
    static final String TYPE = "helm:Release";
    private static final String TOOL = "helm";

    @Override
    public String name() {
        return "helm";
    }

    @Override
    public String description() {
        return "Helm charts in the project as releases, installed and upgraded with the helm binary";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/helm";
    }

    @Override
    public Metadata metadata() {
        return new Metadata("helm", "1", List.of("helm-chart-v2"));
    }

    @Override
    public Capabilities describeCapabilities() {
        return new Capabilities(TOOL, Optional.empty(), false, List.of("Chart.yaml", "values.schema.json", "chart file digest"));
    }

    @Override
    protected Shape shape() {
        return new Shape("chart", "values", "chartFiles", false);
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        var props = new LinkedHashMap<String, PropSpec>();
        props.put("chart", new PropSpec("string", true, false, false));
        props.put("namespace", new PropSpec("string", false, true, false));
        props.put("releaseName", new PropSpec("string", false, true, false));
        props.put("values", new PropSpec("object", false, false, false));
        props.put("timeoutSeconds", new PropSpec("number", false, false, true));
        props.put("chartFiles", new PropSpec("string", false, false, false));
        return List.of(new ConstructDeclaration("HelmRelease",
                new ConstructSchema(TYPE, props, List.of("name", "revision", "status", "namespace", "resources"), false, false),
                "A Helm release of a chart in the project (`chart`, relative to the project root) with `values`; "
                        + "outputs `name`, `revision`, `status`, `namespace` and `resources` (Kind/name)."));
    }

    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(HelmAdapter.class, "/dev/creact/engine/adapters/helm/helm.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                "binary", "the helm executable (default: helm on the PATH)",
                "kubeconfig", "the kubeconfig file helm uses (--kubeconfig), relative to the project",
                "context", "the kubeconfig context (--kube-context)");
    }

    // ------------------------------------------------------------------ build time

    @Override
    public Artifact load(Path source, ObjectNode options) throws AdapterError {
        var files = files(source);
        var chart = HelmChartReader.read(source);
        var inputs = new LinkedHashMap<String, Artifact.Input>();
        chart.defaults().fieldNames().forEachRemaining(k -> inputs.put(k, new Artifact.Input("any", false, false, "")));
        return new Artifact(source, inputs, Map.of(), digest(source, files));
    }

    @Override
    protected List<Finding> checkInputs(Artifact artifact, ObjectNode values) {
        HelmChartReader.Chart chart;
        try {
            chart = HelmChartReader.read(artifact.source());
        } catch (AdapterError e) {
            return List.of(new Finding("helm-unreadable", e.getMessage(), null));
        }
        var out = new ArrayList<Finding>();
        for (String error : HelmChartReader.schemaErrors(chart, values)) {
            out.add(new Finding("helm-values-schema", "values do not match the chart's values.schema.json: " + error,
                    "fix the value, or see " + artifact.source().getFileName() + "/values.schema.json"));
        }
        return out;
    }

    // ------------------------------------------------------------------ materialize

    @Override
    public Optional<Materialized> materialize(Materialization m) throws AdapterError {
        return switch (m.operation()) {
            case CREATE, UPDATE -> Optional.of(upgrade(m));
            case DELETE -> {
                uninstall(m);
                yield Optional.empty();
            }
            case INSPECT -> status(m);
        };
    }

    private Materialized upgrade(Materialization m) throws AdapterError {
        Artifact artifact = artifact(m.projectRoot(), m.props());
        Path values = m.workDir().resolve("values.json");
        JsonNode given = m.props().path("values");
        try {
            dev.creact.engine.security.PrivateFiles.writeString(values, Json.writePretty(given.isObject() ? given : JsonNodeFactory.instance.objectNode()));
        } catch (IOException e) {
            throw AdapterError.permanent(TOOL, "cannot write " + values + ": " + e.getMessage());
        }
        var argv = base(m, "upgrade", "--install", release(m), artifact.source().toString(),
                "--namespace", namespace(m), "--create-namespace", "--wait", "--output", "json", "-f", values.toString());
        if (m.props().path("timeoutSeconds").isNumber()) {
            argv.add("--timeout");
            argv.add(m.props().path("timeoutSeconds").asInt() + "s");
        }
        m.context().progress().accept("helm upgrade --install " + release(m) + " in namespace " + namespace(m));
        var outcome = run(m, "upgrade", argv, Map.of(), line -> { });
        if (!outcome.ok()) {
            throw failure("upgrade --install", outcome);
        }
        JsonNode release = json(outcome, "upgrade --install");
        m.context().progress().accept(release(m) + ": " + release.path("info").path("status").asText() + ", revision "
                + release.path("version").asInt());
        return new Materialized(release, JsonNodeFactory.instance.objectNode().put("release", release(m))
                .put("namespace", namespace(m)).put("revision", release.path("version").asInt()));
    }

    private void uninstall(Materialization m) throws AdapterError {
        var outcome = run(m, "uninstall", base(m, "uninstall", release(m), "--namespace", namespace(m), "--wait"), Map.of(),
                line -> { });
        if (!outcome.ok() && !notFound(outcome)) {
            throw failure("uninstall", outcome);
        }
    }

    private Optional<Materialized> status(Materialization m) throws AdapterError {
        var outcome = run(m, "status", base(m, "status", release(m), "--namespace", namespace(m), "--output", "json"),
                Map.of(), line -> { });
        if (notFound(outcome)) {
            return Optional.empty();
        }
        if (!outcome.ok()) {
            throw failure("status", outcome);
        }
        JsonNode release = json(outcome, "status");
        return Optional.of(new Materialized(release, JsonNodeFactory.instance.objectNode().put("release", release(m))
                .put("namespace", namespace(m)).put("revision", release.path("version").asInt())));
    }

    /** Helm's release object ({@code --output json}) as outputs. */
    @Override
    public ObjectNode mapOutputs(JsonNode release) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", release.path("name").asText());
        out.put("revision", release.path("version").asInt());
        out.put("status", release.path("info").path("status").asText());
        out.put("namespace", release.path("namespace").asText());
        var resources = out.putArray("resources");
        HelmChartReader.resourceNames(release.path("manifest").asText("")).forEach(resources::add);
        return out;
    }

    private static List<String> base(Materialization m, String... args) {
        var argv = new ArrayList<String>();
        argv.add(m.settings().path("binary").asText(TOOL));
        argv.addAll(List.of(args));
        String kubeconfig = m.settings().path("kubeconfig").asText("");
        if (!kubeconfig.isEmpty()) {
            argv.add("--kubeconfig");
            argv.add(m.projectRoot().resolve(kubeconfig).toString());
        }
        String context = m.settings().path("context").asText("");
        if (!context.isEmpty()) {
            argv.add("--kube-context");
            argv.add(context);
        }
        return argv;
    }

    /** The release name: {@code releaseName}, else the resource id made a valid release name. */
    static String release(Materialization m) {
        String given = m.props().path("releaseName").asText("");
        if (!given.isEmpty()) {
            return given;
        }
        String name = m.id().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.length() > 53 ? name.substring(0, 53).replaceAll("-+$", "") : name;
    }

    private static String namespace(Materialization m) {
        return m.props().path("namespace").asText("default");
    }

    private static boolean notFound(ToolProcess.Outcome outcome) {
        return !outcome.ok() && (outcome.stderr() + outcome.stdout()).toLowerCase(java.util.Locale.ROOT).contains("not found");
    }

    private static JsonNode json(ToolProcess.Outcome outcome, String step) throws AdapterError {
        try {
            JsonNode tree = Json.mapper().readTree(outcome.stdout());
            if (tree == null || !tree.isObject()) {
                throw new IOException("empty");
            }
            return tree;
        } catch (IOException e) {
            throw AdapterError.permanent(TOOL, "helm " + step + " --output json printed something that is not a release: "
                    + outcome.stdout().strip());
        }
    }

    private static AdapterError failure(String step, ToolProcess.Outcome outcome) {
        if (outcome.cancelled()) {
            return AdapterError.permanent(TOOL, "helm " + step + " was cancelled");
        }
        String text = outcome.stderr().isBlank() ? outcome.stdout() : outcome.stderr();
        var lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return AdapterError.permanent(TOOL, "helm " + step + " failed (exit " + outcome.exitCode() + ")"
                + (lines.isEmpty() ? "" : ": " + String.join(" ", lines.subList(Math.max(0, lines.size() - 8), lines.size()))));
    }
}
