package dev.creact.engine;

import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.deploy.DeployListener;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.deploy.Deployments;
import dev.creact.engine.deploy.ExtensionRelay;
import dev.creact.engine.plan.Planner;
import dev.creact.engine.provider.DependencyContainer;
import dev.creact.engine.render.CloudDomBuilder;
import dev.creact.engine.render.RenderRequest;
import dev.creact.engine.render.Renderer;
import dev.creact.engine.validate.Validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's one façade, used alike by the CLI, the language server and the tests: give it inputs
 * (files, previous state, limits), ask it for results. It does no terminal or editor work; long work
 * takes a {@link CancellationToken}.
 *
 * <p>One instance holds the shared GraalJS engine; keep it for the life of the process.
 */
public final class CreactEngine implements AutoCloseable {
    private final JsHost host;
    private final Renderer renderer;

    public CreactEngine() {
        this.host = new JsHost();
        this.renderer = new Renderer(host);
    }

    /** Evaluates the entry module into a validated CloudDOM. */
    public BuildResult build(BuildRequest request, CancellationToken token) {
        long start = System.nanoTime();
        var renderRequest = new RenderRequest(request.projectRoot(), request.entry(), request.stack(),
                request.previous(), request.overlays(), request.limits());
        var render = renderer.render(renderRequest, token);
        if (render.failed()) {
            return new BuildResult(null, render.problems(), render, Duration.ofNanos(System.nanoTime() - start));
        }
        var problems = new ArrayList<Problem>(Validator.checkDeclarations(render.nodes(), render.constructs()));
        var dom = CloudDomBuilder.build(request.stack(), render, renderRequest.previous());
        problems.addAll(Validator.checkGraph(dom));
        return new BuildResult(dom, problems, render, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Builds the desired CloudDOM and plans it against {@code request.previous()} (the deployed state,
     * whose serial is {@code stateSerial}).
     */
    public PlanResult plan(BuildRequest request, long stateSerial, Planner.Options options, CancellationToken token) {
        var build = build(request, token);
        if (!build.ok()) {
            return new PlanResult(build, null, build.problems());
        }
        var planner = planner(build);
        CloudDom deployed = request.previous() == null ? CloudDom.empty(request.stack()) : request.previous();
        try {
            var plan = planner.plan(request.stack(), stateSerial, deployed, build.cloudDom(), options);
            return new PlanResult(build, plan, build.problems());
        } catch (Planner.UnknownResourceException e) {
            return new PlanResult(build, null, List.of(Problem.error("unknown-resource", e.getMessage(), null, null,
                    "run `creact build` to list the resources of the stack")));
        }
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
    public DeployReport deploy(DeployRequest request, Deployments.Approval approval, DeployListener listener,
                               CancellationToken token) {
        var build = request.build();
        var container = container(request, listener);
        var relay = new ExtensionRelay(listener, container.extensions(), build.stack());
        var cbd = new CreateBeforeDestroyTypes();
        long start = System.nanoTime();
        var report = deployments(request, container, cbd).withEffects(effects(build, token, cbd)).deploy(build.stack(),
                request.command(), relayed(source(build, cbd, token), relay), request.savedPlan(), approval, relay, token);
        relay.finished(report, (System.nanoTime() - start) / 1_000_000);
        return report;
    }

    /**
     * Applies the {@code accepted} changes of {@code planned} (a plan this engine made from {@code request}'s
     * build against the deployed state) and nothing else: no provider call for anything unchanged or held
     * back (see {@link dev.creact.engine.plan.PlanSubset}). It goes through the same lock, state machine
     * and journal as {@link #deploy}, and converges the same way: outputs flow to dependents, which are
     * rendered again; changes held back stay held in every cycle.
     */
    public DeployReport deployChangeSet(DeployRequest request, PlanResult planned, Set<String> accepted,
                                        DeployListener listener, CancellationToken token) {
        var build = request.build();
        CloudDom deployed = build.previous() == null ? CloudDom.empty(build.stack()) : build.previous();
        var subset = dev.creact.engine.plan.PlanSubset.of(planned.plan(), deployed, accepted);
        var held = subset.held().keySet();
        var container = container(request, listener);
        var relay = new ExtensionRelay(listener, container.extensions(), build.stack());
        var cbd = new CreateBeforeDestroyTypes();
        cbd.learn(planned.build());
        cbd.learnEffects(planned.build());
        var base = relayed(source(build, cbd, token, planned), relay);
        Deployments.PlanSource source = held.isEmpty() ? base : (state, serial) -> {
            var next = base.plan(state, serial);
            if (next.plan() == null) {
                return next;
            }
            var keep = new HashSet<String>();
            next.plan().changeSet().all().forEach(c -> keep.add(c.id()));
            keep.removeAll(held);
            return new Deployments.Planned(dev.creact.engine.plan.PlanSubset.of(next.plan(), state, keep).plan(),
                    next.problems());
        };
        long start = System.nanoTime();
        var report = deployments(request, container, cbd).withEffects(effects(build, token, cbd)).deploy(build.stack(),
                request.command(), source, subset.plan(), plan -> true, relay, token);
        relay.finished(report, (System.nanoTime() - start) / 1_000_000);
        return report;
    }

    /**
     * After a failed deployment, returns the stack to {@code goal} (dev mode: the CloudDOM deployed before
     * the save), undoing what the deployment did.
     */
    public DeployReport rollbackTo(DeployRequest request, CloudDom goal, DeployListener listener, CancellationToken token) {
        var build = request.build();
        var container = DependencyContainer.standard(build.projectRoot(), request.config(), List.of());
        return deployments(request, container, new CreateBeforeDestroyTypes()).rollbackTo(build.stack(), request.command(),
                goal, listener, token);
    }

    /** Finishes an interrupted deployment (see {@link Deployments#resume}). */
    public DeployReport resume(DeployRequest request, DeployListener listener, CancellationToken token) {
        var build = request.build();
        var container = DependencyContainer.standard(build.projectRoot(), request.config(), List.of());
        var cbd = new CreateBeforeDestroyTypes();
        return deployments(request, container, cbd).withEffects(effects(build, token, cbd)).resume(build.stack(),
                request.command(), source(build, cbd, token), listener, token);
    }

    /** Returns the stack to the state before its last interrupted or failed deployment. */
    public DeployReport rollback(DeployRequest request, DeployListener listener, CancellationToken token) {
        var build = request.build();
        var container = DependencyContainer.standard(build.projectRoot(), request.config(), List.of());
        return deployments(request, container, new CreateBeforeDestroyTypes()).rollback(build.stack(), request.command(),
                listener, token);
    }

    /** Deletes every resource of the stack, dependents first. */
    public DeployReport destroy(DeployRequest request, Deployments.Approval approval, DeployListener listener,
                                CancellationToken token) {
        var build = request.build();
        var container = DependencyContainer.standard(build.projectRoot(), request.config(), List.of());
        Deployments.PlanSource nothing = (deployed, serial) -> new Deployments.Planned(
                new Planner(type -> Set.of()).plan(build.stack(), serial, deployed, CloudDom.empty(build.stack()),
                        Planner.Options.NONE), List.of());
        return deployments(request, container, new CreateBeforeDestroyTypes()).deploy(build.stack(), request.command(),
                nothing, null, approval, listener, token);
    }

    /** The project's providers, backend and extensions (extensions print through the listener). */
    public DependencyContainer container(DeployRequest request, DeployListener listener) {
        var root = request.build().projectRoot();
        var extensions = new java.util.ArrayList<dev.creact.engine.provider.Extension>();
        for (String path : request.config().extensions()) {
            extensions.add(new dev.creact.engine.js.JsExtension(host, root, root.resolve(path).normalize(), listener::note));
        }
        return DependencyContainer.standard(root, request.config(), extensions);
    }

    private static Deployments.PlanSource relayed(Deployments.PlanSource source, ExtensionRelay relay) {
        return (deployed, serial) -> {
            var planned = source.plan(deployed, serial);
            relay.built(planned.plan() == null ? 0 : planned.plan().desired().size(), planned.plan() != null,
                    planned.problems().size());
            return planned;
        };
    }

    private static Deployments deployments(DeployRequest request, DependencyContainer container,
                                           CreateBeforeDestroyTypes cbd) {
        return new Deployments(container.backend(), container.router(), request.build().projectRoot(),
                request.config().deploy(), cbd, request.config().maxCycles());
    }

    /** Construct types that declare create-before-destroy, as learnt from the latest build. */
    private static final class CreateBeforeDestroyTypes implements java.util.function.Predicate<String> {
        private volatile Set<String> types = Set.of();
        /** Whether the latest build recorded any useEffect (no effects: no render to run them). */
        final java.util.concurrent.atomic.AtomicBoolean effects = new java.util.concurrent.atomic.AtomicBoolean(true);

        void learnEffects(BuildResult build) {
            if (build.render() != null && !build.render().failed()) {
                effects.set(!build.render().effects().isEmpty());
            }
        }

        void learn(BuildResult build) {
            if (build.render() != null) {
                var set = new HashSet<String>();
                build.render().constructs().forEach((type, schema) -> {
                    if (schema.createBeforeDestroy()) {
                        set.add(type);
                    }
                });
                types = Set.copyOf(set);
            }
        }

        @Override
        public boolean test(String type) {
            return types.contains(type);
        }
    }

    /** Renders once more with the deployed state and runs the effects whose deps changed. */
    private Deployments.EffectRunner effects(BuildRequest build, CancellationToken token, CreateBeforeDestroyTypes cbd) {
        var hasEffects = cbd.effects;
        return (deployed, listener) -> {
            if (!hasEffects.get()) {
                return deployed;
            }
            var request = new RenderRequest(build.projectRoot(), build.entry(), build.stack(), deployed, build.overlays(),
                    build.limits());
            var render = renderer.render(request, token, true);
            if (render.failed()) {
                render.problems().forEach(p -> listener.note("effects did not run: " + p.message()));
                return deployed;
            }
            if (!render.effects().isEmpty()) {
                listener.note("ran " + render.effects().size() + " effect(s): "
                        + String.join(", ", render.effects().stream().map(e -> e.asText()).toList()));
            }
            if (!render.console().isBlank()) {
                listener.note(render.console().strip());
            }
            return new CloudDom(deployed.formatVersion(), deployed.stack(), deployed.resources(), render.componentState());
        };
    }

    private Deployments.PlanSource source(BuildRequest build, CreateBeforeDestroyTypes cbd, CancellationToken token) {
        return source(build, cbd, token, null);
    }

    /** Plans each convergence cycle; {@code seed}, when given, is the plan already made from {@code build}. */
    private Deployments.PlanSource source(BuildRequest build, CreateBeforeDestroyTypes cbd, CancellationToken token,
                                          PlanResult seed) {
        var last = new java.util.concurrent.atomic.AtomicReference<PlanResult>(seed);
        var lastInputState = new java.util.concurrent.atomic.AtomicReference<Object>(
                seed == null ? null : build.previous() == null ? Map.of() : build.previous().componentState());
        return (deployed, serial) -> {
            var previous = last.get();
            if (previous != null && previous.ok() && !previous.build().render().outputsRead()
                    && previous.build().cloudDom().componentState().equals(lastInputState.get())
                    && previous.build().cloudDom().componentState().equals(deployed.componentState())) {
                // Nothing read an output, and the component state the last render started from is the one it
                // left and the one deployed: rendering again would give the same CloudDOM.
                var plan = planner(previous.build()).plan(build.stack(), serial, deployed, previous.build().cloudDom(),
                        Planner.Options.NONE);
                return new Deployments.Planned(plan, previous.problems());
            }
            var result = plan(build.withPrevious(deployed), serial, Planner.Options.NONE, token);
            cbd.learn(result.build());
            cbd.learnEffects(result.build());
            last.set(result);
            lastInputState.set(deployed.componentState());
            return new Deployments.Planned(result.ok() ? result.plan() : null, result.problems());
        };
    }

    /** The project's configuration: creact.config.json, else creact.config.js (evaluated in the sandbox), else defaults. */
    public CreactConfig loadConfig(java.nio.file.Path projectRoot) {
        var json = projectRoot.resolve("creact.config.json");
        var js = projectRoot.resolve("creact.config.js");
        try {
            if (java.nio.file.Files.exists(json)) {
                return CreactConfig.fromJson(json, dev.creact.engine.model.Json.mapper().readTree(java.nio.file.Files.readString(json)));
            }
            if (java.nio.file.Files.exists(js)) {
                String text = host.defaultExportAsJson(projectRoot, js, dev.creact.engine.js.SandboxLimits.DEFAULT);
                return CreactConfig.fromJson(js, dev.creact.engine.model.Json.mapper().readTree(text));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the configuration: " + e.getMessage(), e);
        } catch (dev.creact.engine.js.JsEvaluationException e) {
            throw new IllegalArgumentException(js + ": " + e.getMessage(), e);
        }
        return CreactConfig.defaults();
    }

    public BuildResult build(BuildRequest request) {
        return build(request, CancellationToken.NONE);
    }

    @Override
    public void close() {
        host.close();
    }
}
