package dev.creact.engine;

import dev.creact.engine.js.CancellationToken;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;
import dev.creact.engine.plan.Planner;
import dev.creact.engine.render.CloudDomBuilder;
import dev.creact.engine.render.RenderRequest;
import dev.creact.engine.render.Renderer;
import dev.creact.engine.validate.Validator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        var constructs = build.render().constructs();
        var planner = new Planner(type -> {
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
        });
        CloudDom deployed = request.previous() == null ? CloudDom.empty(request.stack()) : request.previous();
        try {
            var plan = planner.plan(request.stack(), stateSerial, deployed, build.cloudDom(), options);
            return new PlanResult(build, plan, build.problems());
        } catch (Planner.UnknownResourceException e) {
            return new PlanResult(build, null, List.of(Problem.error("unknown-resource", e.getMessage(), null, null,
                    "run `creact build` to list the resources of the stack")));
        }
    }

    public BuildResult build(BuildRequest request) {
        return build(request, CancellationToken.NONE);
    }

    @Override
    public void close() {
        host.close();
    }
}
