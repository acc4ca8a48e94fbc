package dev.creact.engine;

import dev.creact.engine.js.CancellationToken;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.model.Problem;
import dev.creact.engine.render.CloudDomBuilder;
import dev.creact.engine.render.RenderRequest;
import dev.creact.engine.render.Renderer;
import dev.creact.engine.validate.Validator;

import java.time.Duration;
import java.util.ArrayList;

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

    public BuildResult build(BuildRequest request) {
        return build(request, CancellationToken.NONE);
    }

    @Override
    public void close() {
        host.close();
    }
}
