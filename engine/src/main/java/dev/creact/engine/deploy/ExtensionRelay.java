package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.Extension;

import java.util.List;

/**
 * Passes the deploy events on to the extensions' hooks, for every command that changes a stack: a build
 * to {@code onBuild}; a cycle starting and a command finishing to {@code onDeploy}; a failed operation, a
 * failed command and a forced unlock to {@code onError} (or {@code onDeploy} for the unlock). Per-operation
 * successes are not relayed: an extension call costs a sandboxed evaluation, and a thousand of them would
 * slow a deploy.
 */
public final class ExtensionRelay implements DeployEvent.Listener {
    private final List<Extension> extensions;

    public ExtensionRelay(List<Extension> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    private static ObjectNode event(DeployEvent e, String phase) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("stack", e.stack());
        o.put("phase", phase);
        o.put("time", java.time.Instant.ofEpochMilli(e.at()).toString());
        return o;
    }

    @Override
    public void on(DeployEvent event) {
        if (extensions.isEmpty()) {
            return;
        }
        switch (event) {
            case DeployEvent.Built b -> {
                var e = event(b, "build");
                e.put("resources", b.resources());
                e.put("ok", b.ok());
                e.put("problems", b.problems().size());
                extensions.forEach(x -> x.onBuild(e));
            }
            case DeployEvent.CommandStarted s -> {
                var e = event(s, "command-started");
                e.put("command", s.command().word());
                extensions.forEach(x -> x.onDeploy(e));
            }
            case DeployEvent.CycleStarted c -> {
                var e = event(c, "deploy-started");
                e.put("operations", c.operations());
                e.put("cycle", c.cycle());
                extensions.forEach(x -> x.onDeploy(e));
            }
            case DeployEvent.OperationResult r when !r.ok() && !r.skipped() -> {
                var e = event(r, "operation-failed");
                e.put("id", r.id());
                e.put("action", r.action().word());
                e.put("error", r.error());
                extensions.forEach(x -> x.onError(e));
            }
            case DeployEvent.LockForced f -> {
                var e = event(f, "lock-forced");
                e.put("lockId", f.lock().lockId());
                e.put("holder", f.lock().user() + "@" + f.lock().host());
                extensions.forEach(x -> x.onDeploy(e));
            }
            case DeployEvent.CommandFinished f -> {
                var report = f.report();
                var e = event(f, "deploy-finished");
                e.put("command", f.command().word());
                e.put("outcome", report.outcome().name().toLowerCase());
                e.put("created", report.created().size());
                e.put("updated", report.updated().size());
                e.put("deleted", report.deleted().size());
                e.put("failed", report.failed().size());
                e.put("cycles", report.plans().size());
                e.put("durationMs", f.millis());
                extensions.forEach(x -> x.onDeploy(e));
                if (!report.ok() && !report.problems().isEmpty()) {
                    var err = event(f, "deploy-failed");
                    err.put("message", report.problems().getFirst().message());
                    extensions.forEach(x -> x.onError(err));
                }
            }
            default -> { }
        }
    }
}
