package dev.creact.engine.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.deploy.EventSink;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.provider.ChildApps;
import dev.creact.engine.provider.DependencyContainer;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine does for the children of one app (the {@code app} provider's {@link ChildApps}): a child
 * is a creact project of its own, built with the context its parent passes down, and deployed into the
 * stack {@code <parent-stack>/<app-id>} of the parent's backend through the same {@link Engine#deploy} as any
 * stack (its own lock, journal, state machine and convergence). A child whose last deployment was
 * interrupted is resumed before it is deployed again, so a crash in a child is finished from the root. An app
 * whose folder is one of the apps above it is refused as a cycle naming the apps on it.
 */
final class NestedApps implements ChildApps {
    private final Engine engine;
    private final Path parentRoot;
    private final String parentStack;
    private final StateBackend backend;
    /** The parent's own place (null: the parent is the root app). */
    private final AppLineage parentLineage;

    NestedApps(Engine engine, Path parentRoot, String parentStack, StateBackend backend, AppLineage parentLineage) {
        this.engine = engine;
        this.parentRoot = realPath(parentRoot);
        this.parentStack = parentStack;
        this.backend = backend;
        this.parentLineage = parentLineage;
    }

    /** The stack a child's resources live in. */
    static String stackOf(String parentStack, String appId) {
        return parentStack + "/" + appId;
    }

    /** One child, ready to build: its folder, configuration, stack, lineage and container. */
    private record Opened(Path root, Path entry, String stack, CreactConfig config, DependencyContainer container,
                          AppLineage lineage) {
        BuildRequest build(CloudDom previous) {
            return new BuildRequest(root, entry, stack, previous, Map.of(), null, Map.of(), lineage);
        }

        DeployRequest request(CloudDom previous, String command) {
            return new DeployRequest(build(previous), command, null, config, container);
        }
    }

    private Opened open(Child child, boolean mustExist) throws ProviderException {
        Path root = realPath(child.source());
        String stack = stackOf(parentStack, child.appId());
        var lineage = AppLineage.childOf(parentLineage, parentRoot, parentRoot.getFileName() == null ? "/"
                : parentRoot.getFileName().toString(), child.appId(), child.context());
        int seen = lineage.ancestors().indexOf(root);
        if (seen >= 0) {
            var ring = new ArrayList<>(lineage.names().subList(seen, lineage.names().size()));
            ring.add(child.appId());
            ring.add(lineage.names().get(seen));
            throw new ProviderException("app cycle: " + String.join(" -> ", ring) + " (the app '" + child.appId()
                    + "' deploys " + child.source() + ", which is already being deployed above it)", false);
        }
        Path entry = null;
        for (String name : List.of("infrastructure.tsx", "infrastructure.ts", "infrastructure.jsx", "infrastructure.js")) {
            if (Files.isRegularFile(root.resolve(name))) {
                entry = root.resolve(name);
                break;
            }
        }
        if (entry == null && mustExist) {
            throw new ProviderException("app " + child.appId() + ": " + child.source() + " has no infrastructure.tsx", false);
        }
        CreactConfig config;
        try {
            config = Files.isDirectory(root) ? engine.loadConfig(root) : CreactConfig.defaults();
        } catch (IllegalArgumentException e) {
            throw new ProviderException("app " + child.appId() + ": " + e.getMessage(), false);
        }
        var container = new DependencyContainer(root, config, backend, List.of());
        return new Opened(root, entry == null ? root.resolve("infrastructure.tsx") : entry, stack, config, container, lineage);
    }

    @Override
    public Deployed deploy(Child child, OperationContext context) throws ProviderException {
        var opened = open(child, true);
        var sink = progress(opened.stack(), context);
        CloudDom previous = backend.read(opened.stack()).map(StateSnapshot::cloudDom).orElse(null);
        if (interrupted(opened.stack())) {
            sink.note("its last deployment was interrupted: resuming it first");
            var resumed = engine.resume(opened.request(previous, "creact resume (app " + opened.stack() + ")"), sink,
                    context.cancellation());
            failIfNot(resumed, opened.stack(), "resume");
            previous = backend.read(opened.stack()).map(StateSnapshot::cloudDom).orElse(null);
        }
        var report = engine.deploy(opened.request(previous, "creact deploy (app " + opened.stack() + ")"), plan -> true,
                sink, context.cancellation());
        failIfNot(report, opened.stack(), "deploy");
        return deployed(opened.stack()).orElseThrow(() -> new ProviderException(
                "app " + opened.stack() + ": deployed, but its stack has no state", false));
    }

    @Override
    public Optional<Deployed> find(Child child) throws ProviderException {
        String stack = stackOf(parentStack, child.appId());
        if (interrupted(stack)) {
            // Not finished: a deploy is to run again (it resumes the child first). An interrupted destroy
            // still has resources, so the app is there and its delete runs again (resuming it first).
            var record = backend.readDeployment(stack).orElse(null);
            boolean destroying = record != null && record.command() != null && record.command().startsWith(DESTROY);
            return destroying ? deployed(stack) : Optional.empty();
        }
        return deployed(stack);
    }

    private static final String DESTROY = "creact destroy (app ";

    @Override
    public void destroy(Child child, OperationContext context) throws ProviderException {
        var opened = open(child, false);
        if (backend.read(opened.stack()).isEmpty()) {
            return;
        }
        var sink = progress(opened.stack(), context);
        if (interrupted(opened.stack())) {
            sink.note("its last deployment was interrupted: resuming it first");
            failIfNot(engine.resume(opened.request(null, "creact resume (app " + opened.stack() + ")"), sink,
                    context.cancellation()), opened.stack(), "resume");
        }
        var report = engine.destroy(opened.request(null, DESTROY + opened.stack() + ")"), PlanOptions.NONE,
                plan -> true, sink, context.cancellation());
        failIfNot(report, opened.stack(), "destroy");
        backend.deleteStack(opened.stack());
    }

    @Override
    public InnerPlan plan(Child child, OperationContext context) throws ProviderException {
        var opened = open(child, true);
        String tool = "app " + opened.stack();
        var snapshot = backend.read(opened.stack());
        CloudDom deployed = snapshot.map(StateSnapshot::cloudDom).orElse(null);
        // Outputs of the parent's resources that are not known yet reach the child as placeholders, not as
        // references (which would name resources of the parent's stack, not the child's).
        var build = opened.build(deployed).withLineage(new AppLineage(placeholders(child.context()),
                opened.lineage().ancestors(), opened.lineage().names()));
        var planned = engine.plan(build, snapshot.map(StateSnapshot::serial).orElse(0L), PlanOptions.NONE,
                context.cancellation());
        if (!planned.ok()) {
            var first = planned.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).findFirst();
            return InnerPlan.unavailable(tool, "it does not build: " + first.map(Problem::render).orElse("see `creact build` in "
                    + opened.root()));
        }
        planned = engine.withInnerPlans(planned, deployed, opened.root(), opened.container(), context.cancellation(),
                opened.lineage());
        var plan = planned.plan();
        var changes = new ArrayList<InnerPlan.Change>();
        for (Change c : plan.changeSet().all()) {
            changes.add(new InnerPlan.Change(c.id() + " (" + c.type() + ")", word(c.action()), reason(c)));
            var inner = plan.inner().get(c.id());
            if (inner != null) {
                for (var ic : inner.changes()) {
                    changes.add(new InnerPlan.Change(c.id() + "/" + ic.address(), ic.action(), ic.reason()));
                }
            }
        }
        for (var out : plan.outputChanges()) {
            if (!out.path().startsWith("$")) {
                changes.add(new InnerPlan.Change("output " + out.path(), out.before() == null || out.before().isNull()
                        ? "create" : out.after() == null || out.after().isNull() ? "delete" : "update", null));
            }
        }
        return new InnerPlan(tool, changes, plan.summaryLine(), null);
    }

    private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("\\$\\{ref:([^#}]+)#([^}]+)}");

    /** {@code context} with every reference token replaced by a placeholder naming the output. */
    static com.fasterxml.jackson.databind.JsonNode placeholders(com.fasterxml.jackson.databind.JsonNode context) {
        if (context.isTextual()) {
            var m = REF.matcher(context.asText());
            return m.find() ? JsonNodeFactory.instance.textNode(REF.matcher(context.asText())
                    .replaceAll(r -> java.util.regex.Matcher.quoteReplacement("(" + r.group(1) + "." + r.group(2)
                            + ", known after deploy)"))) : context;
        }
        if (context.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            context.properties().forEach(e -> out.set(e.getKey(), placeholders(e.getValue())));
            return out;
        }
        if (context.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            context.forEach(v -> out.add(placeholders(v)));
            return out;
        }
        return context;
    }

    private static String word(Action action) {
        return action.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String reason(Change c) {
        if (c.action() == Action.REPLACE && !c.replaceReasons().isEmpty()) {
            return String.join(", ", c.replaceReasons());
        }
        if (c.action() == Action.UPDATE && !c.changedProps().isEmpty()) {
            return String.join(", ", c.changedProps().stream().map(p -> p.path()).toList());
        }
        return null;
    }

    private boolean interrupted(String stack) {
        return backend.deploymentStatus(stack).orElse(null) == DeploymentStatus.APPLYING;
    }

    private Optional<Deployed> deployed(String stack) {
        return backend.read(stack).map(s -> {
            ObjectNode outputs = s.cloudDom().stackOutputs().deepCopy();
            var signals = outputs.remove("$signals");
            return new Deployed(outputs, signals instanceof ArrayNode a ? a : JsonNodeFactory.instance.arrayNode(),
                    stack, s.serial());
        });
    }

    private static void failIfNot(DeployReport report, String stack, String what) throws ProviderException {
        if (report.ok()) {
            return;
        }
        var why = new ArrayList<String>();
        report.problems().forEach(p -> why.add(p.render()));
        report.failed().forEach(f -> why.add(String.valueOf(f)));
        throw new ProviderException("app " + stack + ": its " + what + " " + report.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (why.isEmpty() ? "" : ": " + String.join("; ", why)), false);
    }

    /** The child's events as lines of progress of the parent's operation ({@code Note}s in the parent's stream). */
    private static EventSink progress(String stack, OperationContext context) {
        DeployEvent.Listener listener = event -> {
            switch (event) {
                case DeployEvent.OperationResult r when r.ok() && !r.skipped() ->
                        context.progress().accept(r.action().symbol() + " " + r.id() + " (" + r.type() + ") "
                                + r.action().name().toLowerCase(java.util.Locale.ROOT) + "d");
                case DeployEvent.OperationResult r when !r.ok() ->
                        context.progress().accept(r.id() + " failed" + (r.error() == null ? "" : ": " + r.error()));
                case DeployEvent.Note n -> context.progress().accept(n.message());
                default -> { }
            }
        };
        return new EventSink(stack, List.of(listener));
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
