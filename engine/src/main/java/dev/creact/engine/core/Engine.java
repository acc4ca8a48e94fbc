package dev.creact.engine.core;

import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.deploy.Deployments;
import dev.creact.engine.deploy.EventSink;
import dev.creact.engine.js.JsEvaluationException;
import dev.creact.engine.js.JsExtension;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import dev.creact.engine.plan.PlanSubset;
import dev.creact.engine.plan.Planner;
import dev.creact.engine.provider.Extension;
import dev.creact.engine.render.CloudDomBuilder;
import dev.creact.engine.render.RenderRequest;
import dev.creact.engine.render.Renderer;
import dev.creact.engine.validate.DeclarationLoading;
import dev.creact.engine.validate.Validator;
import dev.creact.engine.provider.ProviderPlugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The engine's core: builds, plans and runs the stack-changing commands for the API layer
 * ({@code dev.creact.engine.api}) and for {@code HotReload}. It does no terminal or editor work; long
 * work takes a {@link CancellationToken} and tells what it does as {@link DeployEvent}s.
 *
 * <p>One instance holds the shared GraalJS engine; keep it for the life of the process.
 */
public final class Engine implements AutoCloseable {
    private final JsHost host;
    private final Renderer renderer;

    public Engine() {
        this(null, null);
    }

    /** An engine for one command on {@code entry} of the project at {@code projectRoot} (see {@link JsHost#JsHost(Path, Path)}). */
    public Engine(Path projectRoot, Path entry) {
        this.host = new JsHost(projectRoot, entry);
        this.renderer = new Renderer(host);
    }

    /** Evaluates the entry module into a validated CloudDOM. */
    public BuildResult build(BuildRequest request, CancellationToken token) {
        long start = System.nanoTime();
        var renderRequest = new RenderRequest(request.projectRoot(), request.entry(), request.stack(),
                request.previous(), request.overlays(), request.limits(), request.appContext(), request.memo());
        var render = renderer.render(renderRequest, token);
        if (render.failed()) {
            return new BuildResult(null, render.problems(), render, Duration.ofNanos(System.nanoTime() - start));
        }
        var problems = new ArrayList<Problem>(Validator.checkDeclarations(render.nodes(), render.constructs()));
        var loaded = DeclarationLoading.apply(render.nodes(), renderRequest.projectRoot(), ProviderPlugins.all().values());
        problems.addAll(loaded.problems());
        render = render.withNodes(loaded.nodes());
        var dom = CloudDomBuilder.build(request.stack(), render, renderRequest.previous());
        problems.addAll(Validator.checkGraph(dom));
        problems.addAll(Validator.checkExclusive(dom, render.constructs(), request.projectRoot(), request.otherStacks()));
        var secrets = dev.creact.engine.security.SecretReferences.check(dom, request.secretVersions(), request.stack());
        problems.addAll(secrets.problems());
        return new BuildResult(secrets.cloudDom(), problems, render, Duration.ofNanos(System.nanoTime() - start));
    }

    public BuildResult build(BuildRequest request) {
        return build(request, CancellationToken.NONE);
    }

    /**
     * Builds the desired CloudDOM and plans it against {@code request.previous()} (the deployed state,
     * whose serial is {@code stateSerial}).
     */
    public PlanResult plan(BuildRequest request, long stateSerial, PlanOptions options, CancellationToken token) {
        var build = build(request, token);
        if (!build.ok()) {
            return new PlanResult(build, null, build.problems());
        }
        CloudDom deployed = request.previous() == null ? CloudDom.empty(request.stack()) : request.previous();
        try {
            var plan = planner(build).plan(request.stack(), stateSerial, deployed, build.cloudDom(), options);
            return new PlanResult(build, plan, build.problems());
        } catch (Planner.UnknownResourceException e) {
            return new PlanResult(build, null, List.of(Problem.error("unknown-resource", e.getMessage(), null, null,
                    "run `creact build` to list the resources of the stack")));
        }
    }

    /**
     * {@code planned} with the inner plans of its changed resources whose providers can tell (a Terraform
     * module's own changes); unchanged resources cost nothing. For showing a plan ({@code creact plan}, the
     * editor), not for deploying it.
     */
    public PlanResult withInnerPlans(PlanResult planned, CloudDom deployed, Path projectRoot,
                                     dev.creact.engine.provider.DependencyContainer container, CancellationToken token) {
        return withInnerPlans(planned, deployed, projectRoot, container, token, null);
    }

    /** As above, for a nested app at {@code lineage} (its children's plans are nested in it too). */
    PlanResult withInnerPlans(PlanResult planned, CloudDom deployed, Path projectRoot,
                              dev.creact.engine.provider.DependencyContainer container, CancellationToken token,
                              AppLineage lineage) {
        if (!planned.ok() || !planned.plan().hasChanges()) {
            return planned;
        }
        var apps = new NestedApps(this, projectRoot, planned.plan().stack(), container.backend(), lineage);
        var plan = InnerPlans.attach(planned.plan(), deployed, projectRoot, container, apps, token);
        return new PlanResult(planned.build(), plan, planned.problems());
    }

    /**
     * The providers for one command of {@code request}'s stack; the {@code app} provider's children are
     * deployed into stacks under it ({@link NestedApps}).
     */
    private dev.creact.engine.provider.DependencyContainer.OpenProviders providersFor(DeployRequest request) {
        var build = request.build();
        return request.container().openProviders(build.stack(), new NestedApps(this, build.projectRoot(), build.stack(),
                request.container().backend(), build.lineage()));
    }

    /** A planner whose replacement and safety rules are the construct schemas this build knows. */
    static Planner planner(BuildResult build) {
        var constructs = build.render().constructs();
        return new Planner(type -> {
            var schema = constructs.get(type);
            if (schema == null) {
                return Set.of();
            }
            var replacing = new HashSet<String>();
            schema.props().forEach((name, spec) -> {
                if (spec.replaces()) {
                    replacing.add(name);
                }
            });
            return replacing;
        }, (type, prop) -> {
            var schema = constructs.get(type);
            var spec = schema == null ? null : schema.props().get(prop);
            return spec == null ? null : spec.safe();
        });
    }

    /**
     * Deploys the stack: plans (or takes the saved plan), asks {@code approval}, applies through the
     * state machine, and converges. Whatever the CLI's deploy does, this does.
     */
    public DeployReport deploy(DeployRequest request, Deployments.Approval approval, EventSink events,
                               CancellationToken token) {
        var build = request.build();
        var cbd = new CreateBeforeDestroyTypes();
        try (var providers = providersFor(request)) {
            return deployments(request, providers, cbd).withEffects(effects(build, token, cbd)).deploy(build.stack(),
                    request.command(), built(source(build, cbd, token, null), events), request.savedPlan(), approval,
                    events, token);
        }
    }

    /**
     * Applies the {@code accepted} changes of {@code planned} (a plan this engine made from {@code request}'s
     * build against the deployed state) and nothing else: no provider call for anything unchanged or held
     * back (see {@link PlanSubset}). It goes through the same lock, state machine and journal as
     * {@link #deploy}, and converges the same way: outputs flow to dependents, which are rendered again;
     * changes held back stay held in every cycle.
     */
    public DeployReport deployChangeSet(DeployRequest request, PlanResult planned, Set<String> accepted,
                                        EventSink events, CancellationToken token) {
        var build = request.build();
        CloudDom deployed = build.previous() == null ? CloudDom.empty(build.stack()) : build.previous();
        var subset = PlanSubset.of(planned.plan(), deployed, accepted);
        var held = subset.held().keySet();
        var cbd = new CreateBeforeDestroyTypes();
        cbd.learn(planned.build());
        var base = built(source(build, cbd, token, planned), events);
        Deployments.PlanSource source = held.isEmpty() ? base : (state, serial) -> {
            var next = base.plan(state, serial);
            if (next.plan() == null) {
                return next;
            }
            var keep = new HashSet<String>();
            next.plan().changeSet().all().forEach(c -> keep.add(c.id()));
            keep.removeAll(held);
            return new Deployments.Planned(PlanSubset.of(next.plan(), state, keep).plan(), next.problems());
        };
        try (var providers = providersFor(request)) {
            return deployments(request, providers, cbd).withEffects(effects(build, token, cbd)).deploy(build.stack(),
                    request.command(), source, subset.plan(), plan -> true, events, token);
        }
    }

    /**
     * After a failed deployment, returns the stack to {@code goal} (dev mode: the CloudDOM deployed before
     * the save), undoing what the deployment did.
     */
    public DeployReport rollbackTo(DeployRequest request, CloudDom goal, EventSink events, CancellationToken token) {
        try (var providers = providersFor(request)) {
            return deployments(request, providers, new CreateBeforeDestroyTypes()).rollbackTo(request.build().stack(),
                    request.command(), goal, events, token);
        }
    }

    /** Finishes an interrupted deployment (see {@link Deployments#resume}). */
    public DeployReport resume(DeployRequest request, EventSink events, CancellationToken token) {
        var build = request.build();
        var cbd = new CreateBeforeDestroyTypes();
        try (var providers = providersFor(request)) {
            return deployments(request, providers, cbd).withEffects(effects(build, token, cbd)).resume(build.stack(),
                    request.command(), built(source(build, cbd, token, null), events), events, token);
        }
    }

    /** Returns the stack to the state before its last interrupted or failed deployment. */
    public DeployReport rollback(DeployRequest request, EventSink events, CancellationToken token) {
        try (var providers = providersFor(request)) {
            return deployments(request, providers, new CreateBeforeDestroyTypes()).rollback(request.build().stack(),
                    request.command(), events, token);
        }
    }

    /**
     * Deletes the resources of the stack, dependents first: all of them, or with {@code options}' targets
     * those and everything that depends on them.
     */
    public DeployReport destroy(DeployRequest request, PlanOptions options, Deployments.Approval approval,
                                EventSink events, CancellationToken token) {
        var stack = request.build().stack();
        // The goal is fixed by the state the destroy starts from: a later convergence cycle must not look for
        // the targets again (they are gone by then).
        var fixedGoal = new AtomicReference<CloudDom>();
        Deployments.PlanSource nothing = (deployed, serial) -> {
            try {
                CloudDom goal = fixedGoal.get();
                if (goal == null) {
                    goal = options.targets().isEmpty() ? CloudDom.empty(stack) : withoutTargets(deployed, options.targets());
                    fixedGoal.set(goal);
                }
                return new Deployments.Planned(new Planner(type -> Set.of()).plan(stack, serial, deployed, goal,
                        PlanOptions.NONE), List.of());
            } catch (Planner.UnknownResourceException e) {
                return new Deployments.Planned(null, List.of(Problem.error("unknown-resource", e.getMessage(), null, null,
                        "`creact state list` shows the stack's resources")));
            }
        };
        try (var providers = providersFor(request)) {
            return deployments(request, providers, new CreateBeforeDestroyTypes()).deploy(stack, request.command(),
                    nothing, null, approval, events, token);
        }
    }

    /**
     * Reads every resource of {@code deployed} through its provider (nothing is written): the state as it is
     * found, what drifted or is gone, and the reads that failed.
     */
    public dev.creact.engine.deploy.Refresher.Outcome refreshed(DeployRequest request, CloudDom deployed,
                                                                CancellationToken token) {
        try (var providers = providersFor(request)) {
            return new dev.creact.engine.deploy.Refresher(providers.router(), request.build().projectRoot(),
                    request.config().deploy().parallelism())
                    .withSecrets(new dev.creact.engine.security.SecretStore(request.container().backend(), request.build().stack()), false)
                    .refresh(deployed, token);
        }
    }

    /** {@code creact refresh}: reads every resource under the stack's lock and writes what it found. */
    public DeployReport refresh(DeployRequest request, EventSink events, CancellationToken token,
                                java.util.function.Consumer<List<dev.creact.engine.model.Drift>> drift) {
        try (var providers = providersFor(request)) {
            var refresher = new dev.creact.engine.deploy.Refresher(providers.router(), request.build().projectRoot(),
                    request.config().deploy().parallelism())
                    .withSecrets(new dev.creact.engine.security.SecretStore(request.container().backend(), request.build().stack()), true);
            var deployments = new Deployments(request.container().backend(), providers.router(),
                    request.build().projectRoot(), request.config().deploy(), type -> false, request.config().maxCycles());
            return deployments.editState(request.build().stack(), request.command(), (dom, problems) -> {
                var outcome = refresher.refresh(dom, token);
                drift.accept(outcome.drift());
                outcome.drift().forEach(d -> events.note(d.describe()));
                outcome.problems().forEach(p -> events.note(p.message()));
                return outcome.refreshed();
            }, events);
        }
    }

    /**
     * {@code creact import ID PROVIDER_ID}: adopts a resource that exists already into the state, as
     * {@code terraform import} does. The code must declare {@code id}; its provider reads what exists under
     * {@code providerId}, and the state takes what was found (so the next plan shows how the code differs).
     */
    public DeployReport importResource(DeployRequest request, String id, String providerId, EventSink events,
                                       CancellationToken token) {
        var stack = request.build().stack();
        var backend = request.container().backend();
        var current = backend.read(stack);
        CloudDom deployed = current.map(s -> s.cloudDom()).orElse(CloudDom.empty(stack));
        var build = build(request.build().withPrevious(deployed), token);
        if (!build.ok()) {
            return DeployReport.refused(build.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR)
                    .findFirst().orElse(Problem.error("build-failed", "the stack does not build", null, null, null)));
        }
        var declared = build.cloudDom().byId().get(id);
        if (declared == null) {
            return DeployReport.refused(Problem.error("unknown-resource", "no resource '" + id + "' is declared in "
                    + request.build().entry().getFileName() + dev.creact.engine.model.Suggestions.didYouMean(id,
                    build.cloudDom().byId().keySet()), null, id,
                    "declare it in the code first (with the props it has), then import it"));
        }
        try (var providers = providersFor(request)) {
            var deployments = new Deployments(backend, providers.router(), request.build().projectRoot(),
                    request.config().deploy(), type -> false, request.config().maxCycles());
            return deployments.editState(stack, request.command(), (dom, problems) -> {
                if (dom.byId().containsKey(id)) {
                    problems.add(Problem.error("already-managed", "'" + id + "' is in the state already", declared.source(),
                            id, "`creact state rm " + id + "` first to import it afresh"));
                    return null;
                }
                var provider = providers.router().route(declared.type());
                if (provider.isEmpty()) {
                    problems.add(Problem.error("no-provider", "no provider handles " + declared.type(), declared.source(), id, null));
                    return null;
                }
                var found = dev.creact.engine.deploy.Importer.adopt(provider.get(), declared,
                        List.copyOf(dev.creact.engine.plan.DependencyGraph.of(build.cloudDom()).dependenciesOf(id)), dom,
                        providerId, request.build().projectRoot(), token, problems);
                if (found == null) {
                    return null;
                }
                var present = new java.util.LinkedHashMap<String, dev.creact.engine.model.Node>();
                dom.byId().forEach((k, n) -> present.put(k, n.withChildren(List.of())));
                present.put(id, found);
                events.note("imported " + id + " (" + declared.type() + ") from " + providerId);
                return CloudDom.assemble(present, build.cloudDom().withComponentState(dom.componentState())
                        .withStackOutputs(dom.stackOutputs()), dom);
            }, events);
        }
    }

    /** Runs the project's tests of its infrastructure code ({@code creact test}). */
    public List<dev.creact.engine.testing.TestRunner.Case> runTests(Path root, CreactConfig config,
                                                                     dev.creact.engine.testing.TestRunner.Options options,
                                                                     CancellationToken token) {
        return new dev.creact.engine.testing.TestRunner(host, this).run(root, config, options, token);
    }

    /** Edits the stack's state without any provider call, under its lock (state rm, state mv). */
    public DeployReport editState(DeployRequest request, Deployments.StateEdit edit, EventSink events) {
        var deployments = new Deployments(request.container().backend(), new dev.creact.engine.provider.ProviderRouter(List.of()),
                request.build().projectRoot(), request.config().deploy(), type -> false, request.config().maxCycles());
        return deployments.editState(request.build().stack(), request.command(), edit, events);
    }

    /** The deployed CloudDOM without {@code targets} and everything that depends on them. */
    private static CloudDom withoutTargets(CloudDom deployed, Set<String> targets) {
        var graph = dev.creact.engine.plan.DependencyGraph.of(deployed);
        var known = new HashSet<>(graph.ids());
        for (String t : targets) {
            if (!known.contains(t)) {
                throw new Planner.UnknownResourceException("no resource '" + t + "' in the stack"
                        + dev.creact.engine.model.Suggestions.didYouMean(t, known));
            }
        }
        var gone = new HashSet<String>();
        var work = new java.util.ArrayDeque<>(targets);
        while (!work.isEmpty()) {
            String id = work.poll();
            if (gone.add(id)) {
                work.addAll(graph.dependentsOf(id));
            }
        }
        var keep = new java.util.LinkedHashMap<String, dev.creact.engine.model.Node>();
        deployed.byId().forEach((id, n) -> {
            if (!gone.contains(id)) {
                keep.put(id, n.withChildren(List.of()));
            }
        });
        return CloudDom.assemble(keep, deployed, deployed);
    }

    /** The project's extensions, loaded for one command; their console output becomes notes of {@code events}. */
    public List<Extension> extensions(Path root, CreactConfig config, AtomicReference<EventSink> events) {
        var extensions = new ArrayList<Extension>();
        for (String path : config.extensions()) {
            extensions.add(new JsExtension(host, root, root.resolve(path).normalize(), message -> {
                var sink = events.get();
                if (sink != null) {
                    sink.note(message);
                }
            }));
        }
        return extensions;
    }

    /** Tells the events about each build a convergence cycle makes (extensions' {@code onBuild}). */
    private static Deployments.PlanSource built(Deployments.PlanSource source, EventSink events) {
        return (deployed, serial) -> {
            var planned = source.plan(deployed, serial);
            events.on(new DeployEvent.Built(events.stack(), planned.plan() == null ? 0 : planned.plan().desired().size(),
                    planned.plan() != null, planned.problems(), DeployEvent.now()));
            return planned;
        };
    }

    private static Deployments deployments(DeployRequest request, dev.creact.engine.provider.DependencyContainer.OpenProviders providers,
                                           CreateBeforeDestroyTypes cbd) {
        return new Deployments(request.container().backend(), providers.router(), request.build().projectRoot(),
                request.config().deploy(), cbd, request.config().maxCycles()).withDeclaredSensitiveOutputs(cbd::sensitiveOutputs);
    }

    /** Construct types that declare create-before-destroy, and the outputs each declares sensitive, as learnt from the latest build. */
    private static final class CreateBeforeDestroyTypes implements Predicate<String> {
        private volatile Set<String> types = Set.of();
        /** Whether the latest build recorded any useEffect (no effects: no render to run them). */
        final AtomicBoolean effects = new AtomicBoolean(true);

        /** The outputs each type's schema declares sensitive, from the same build. */
        private volatile Map<String, Set<String>> sensitive = Map.of();

        void learn(BuildResult build) {
            if (build.render() == null) {
                return;
            }
            var set = new HashSet<String>();
            var outputs = new java.util.HashMap<String, Set<String>>();
            build.render().constructs().forEach((type, schema) -> {
                if (schema.createBeforeDestroy()) {
                    set.add(type);
                }
                if (!schema.sensitiveOutputs().isEmpty()) {
                    outputs.put(type, schema.sensitiveOutputs());
                }
            });
            types = Set.copyOf(set);
            sensitive = Map.copyOf(outputs);
            if (!build.render().failed()) {
                effects.set(!build.render().effects().isEmpty());
            }
        }

        @Override
        public boolean test(String type) {
            return types.contains(type);
        }

        Set<String> sensitiveOutputs(String type) {
            return sensitive.getOrDefault(type, Set.of());
        }
    }

    /** Renders once more with the deployed state and runs the effects whose deps changed. */
    private Deployments.EffectRunner effects(BuildRequest build, CancellationToken token, CreateBeforeDestroyTypes cbd) {
        var hasEffects = cbd.effects;
        return (deployed, events) -> {
            if (!hasEffects.get()) {
                return deployed;
            }
            var request = new RenderRequest(build.projectRoot(), build.entry(), build.stack(), deployed, build.overlays(),
                    build.limits(), build.appContext());
            var render = renderer.render(request, token, true);
            if (render.failed()) {
                render.problems().forEach(p -> events.note("effects did not run: " + p.message()));
                return deployed;
            }
            if (!render.effects().isEmpty()) {
                events.note("ran " + render.effects().size() + " effect(s): "
                        + String.join(", ", render.effects().stream().map(e -> e.asText()).toList()));
            }
            if (!render.console().isBlank()) {
                events.note(render.console().strip());
            }
            return deployed.withComponentState(render.componentState());
        };
    }

    /** Plans each convergence cycle; {@code seed}, when given, is the plan already made from {@code build}. */
    private Deployments.PlanSource source(BuildRequest build, CreateBeforeDestroyTypes cbd, CancellationToken token,
                                          PlanResult seed) {
        var last = new AtomicReference<PlanResult>(seed);
        var lastInputState = new AtomicReference<Object>(
                seed == null ? null : build.previous() == null ? Map.of() : build.previous().componentState());
        return (deployed, serial) -> {
            var previous = last.get();
            if (previous != null && previous.ok() && !previous.build().render().outputsRead()
                    && previous.build().cloudDom().componentState().equals(lastInputState.get())
                    && previous.build().cloudDom().componentState().equals(deployed.componentState())) {
                // Nothing read an output, and the component state the last render started from is the one it
                // left and the one deployed: rendering again would give the same CloudDOM.
                var plan = planner(previous.build()).plan(build.stack(), serial, deployed, previous.build().cloudDom(),
                        PlanOptions.NONE);
                return new Deployments.Planned(plan, previous.problems());
            }
            var result = plan(build.withPrevious(deployed), serial, PlanOptions.NONE, token);
            cbd.learn(result.build());
            last.set(result);
            lastInputState.set(deployed.componentState());
            return new Deployments.Planned(result.ok() ? result.plan() : null, result.problems());
        };
    }

    /**
     * The project's configuration: {@code creact.config.json}, else {@code creact.config.ts} or
     * {@code creact.config.js} (evaluated in the sandbox), else the defaults.
     */
    public CreactConfig loadConfig(Path projectRoot) {
        var json = projectRoot.resolve("creact.config.json");
        Path script = null;
        for (String name : new String[]{"creact.config.ts", "creact.config.js"}) {
            if (Files.exists(projectRoot.resolve(name))) {
                script = projectRoot.resolve(name);
                break;
            }
        }
        try {
            if (Files.exists(json)) {
                return CreactConfig.fromJson(json, Json.mapper().readTree(Files.readString(json)));
            }
            if (script != null) {
                String text = host.defaultExportAsJson(projectRoot, script, SandboxLimits.DEFAULT);
                return CreactConfig.fromJson(script, Json.mapper().readTree(text));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the configuration: " + e.getMessage(), e);
        } catch (JsEvaluationException e) {
            throw new IllegalArgumentException(script + ": " + e.getMessage(), e);
        }
        return CreactConfig.defaults();
    }

    @Override
    public void close() {
        host.close();
    }
}
