package dev.creact.engine.deploy;

import dev.creact.engine.model.DeployReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.Extension;

import java.util.List;

/**
 * Passes deployment events on to the listener and to the extensions: a cycle starting and the deployment
 * finishing go to {@code onDeploy}, failed operations to {@code onError}. Per-operation successes are not
 * relayed: an extension call costs a sandboxed evaluation, and a thousand of them would slow a deploy.
 */
public final class ExtensionRelay implements DeployListener {
    private final DeployListener inner;
    private final List<Extension> extensions;
    private final String stack;

    public ExtensionRelay(DeployListener inner, List<Extension> extensions, String stack) {
        this.inner = inner;
        this.extensions = List.copyOf(extensions);
        this.stack = stack;
    }

    private ObjectNode event(String phase) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("stack", stack);
        e.put("phase", phase);
        e.put("time", java.time.Instant.now().toString());
        return e;
    }

    @Override
    public void cycleStarted(int cycle, int total) {
        inner.cycleStarted(cycle, total);
        var e = event("deploy-started");
        e.put("operations", total);
        extensions.forEach(x -> x.onDeploy(e));
    }

    @Override
    public void operationStarted(String id, Action action) {
        inner.operationStarted(id, action);
    }

    @Override
    public void operationRetrying(String id, Action action, int retry, String error) {
        inner.operationRetrying(id, action, retry, error);
    }

    @Override
    public void operationFinished(String id, Action action, boolean ok, boolean skipped, String error, long millis) {
        inner.operationFinished(id, action, ok, skipped, error, millis);
        if (!ok && !skipped) {
            var e = event("operation-failed");
            e.put("id", id);
            e.put("action", action.word());
            e.put("error", error);
            extensions.forEach(x -> x.onError(e));
        }
    }

    @Override
    public void note(String message) {
        inner.note(message);
    }

    /** The deployment ended. */
    public void finished(DeployReport report, long millis) {
        var e = event("deploy-finished");
        e.put("outcome", report.outcome().name().toLowerCase());
        e.put("created", report.created().size());
        e.put("updated", report.updated().size());
        e.put("deleted", report.deleted().size());
        e.put("failed", report.failed().size());
        e.put("cycles", report.plans().size());
        e.put("durationMs", millis);
        extensions.forEach(x -> x.onDeploy(e));
        if (!report.ok() && !report.problems().isEmpty()) {
            var err = event("deploy-failed");
            err.put("message", report.problems().getFirst().message());
            extensions.forEach(x -> x.onError(err));
        }
    }

    /** A build for this deployment finished. */
    public void built(int resources, boolean ok, int problems) {
        var e = event("build");
        e.put("resources", resources);
        e.put("ok", ok);
        e.put("problems", problems);
        extensions.forEach(x -> x.onBuild(e));
    }
}
