package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.core.Engine;
import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.DependencyContainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the providers (with the construct types they handle and what they can do), the backend, "
                + "the extensions, the configuration in use, and the stack's lock and last deployment.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        var root = options.projectRoot();
        try (var engine = new CreactEngine()) {
            var config = engine.loadConfig(root);
            var request = new dev.creact.engine.core.DeployRequest(dev.creact.engine.core.BuildRequest.of(root, options.entryFile(),
                    options.stack), "creact info", null, config);
            DependencyContainer container = engine.container(request, dev.creact.engine.deploy.DeployListener.NONE);
            var backend = new FileStateBackend(root);
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack);
            doc.put("config", config.source() == null ? "(defaults)" : config.source().toString());
            var providers = doc.putArray("providers");
            term.human.println(term.bold("Providers"));
            for (var p : container.providers()) {
                var o = providers.addObject();
                o.put("name", p.name());
                o.set("types", Json.tree(p.typePatterns()));
                o.set("capabilities", Json.tree(new java.util.TreeSet<>(p.capabilities())));
                term.human.println("  " + p.name() + "  types " + String.join(", ", p.typePatterns()) + "  can "
                        + String.join(", ", new java.util.TreeSet<>(p.capabilities())));
            }
            doc.put("backend", container.backend().describe());
            term.human.println(term.bold("Backend") + "\n  " + container.backend().describe()
                    + "\n  capabilities: state, locking, deployment journal");
            var ext = doc.putArray("extensions");
            term.human.println(term.bold("Extensions"));
            if (container.extensions().isEmpty()) {
                term.human.println("  (none)");
            }
            for (var e : container.extensions()) {
                ext.addObject().put("name", e.name()).set("hooks", Json.tree(e.hooks()));
                term.human.println("  " + e.name() + "  hooks " + String.join(", ", e.hooks()));
            }
            var d = config.deploy();
            term.human.println(term.bold("Configuration") + "  " + (config.source() == null ? "(defaults)" : root.relativize(config.source()))
                    + "\n  parallelism " + d.parallelism() + ", retries " + d.retry().maxRetries() + " from "
                    + d.retry().delay().toMillis() + " ms, at most " + config.maxCycles() + " deploy cycles");
            var lock = backend.lockHolder(options.stack);
            term.human.println(term.bold("Stack '" + options.stack + "'"));
            term.human.println("  lock: " + lock.map(l -> l.lockId() + " held by " + l.describe(System.currentTimeMillis()))
                    .orElse("free"));
            lock.ifPresent(l -> doc.set("lock", Json.tree(l)));
            var last = backend.readDeployment(options.stack);
            term.human.println("  last deployment: " + last.map(x -> x.status() + " (" + x.deploymentId() + ", " + x.updatedAt() + ")")
                    .orElse("none"));
            last.ifPresent(x -> doc.put("lastDeployment", x.status().name()));
            if (options.json) {
                term.data.println(Json.writePretty(doc));
            }
            return Main.EXIT_OK;
        } catch (RuntimeException e) {
            return JsonFailure.report(term, options, List.of(dev.creact.engine.model.Problem.error("info-failed",
                    e.getMessage(), null, null, null)));
        }
    }
}
