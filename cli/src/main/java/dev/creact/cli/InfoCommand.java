package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "List the providers (with the construct types they offer, their settings and what they can do), the "
                + "backend, the extensions, the configuration in use, and the stack's lock and last deployment.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        try (var session = Session.open(options)) {
            var info = session.project.info();
            var root = session.project.root();
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack);
            doc.put("config", info.configFile() == null ? "(defaults)" : info.configFile().toString());
            var providers = doc.putArray("providers");
            term.human.println(term.bold("Providers"));
            for (var p : info.providers()) {
                var o = providers.addObject();
                o.put("name", p.name());
                o.put("module", p.module());
                o.set("constructs", Json.tree(p.constructs()));
                o.set("types", Json.tree(p.typePatterns()));
                o.set("capabilities", Json.tree(p.capabilities()));
                o.set("settings", Json.tree(p.settings()));
                term.human.println("  " + term.bold(p.name()) + "  " + p.description() + term.dim("  (" + p.module() + ")"));
                p.constructs().forEach((type, export) -> term.human.println("    " + export + "  " + term.dim(type)));
                term.human.println("    types " + String.join(", ", p.typePatterns()) + "; can "
                        + String.join(", ", p.capabilities()));
                p.settings().forEach((name, what) -> term.human.println("    setting " + name + ": " + what));
            }
            for (var refused : dev.creact.engine.api.CreactEngine.refusedPlugins().entrySet()) {
                term.human.println(term.red("  refused plugin " + refused.getKey() + ": " + refused.getValue()));
            }
            doc.put("backend", info.backend());
            doc.put("backendType", info.backendType());
            term.human.println(term.bold("Backend") + "\n  " + info.backend());
            var ext = doc.putArray("extensions");
            term.human.println(term.bold("Extensions"));
            if (info.extensions().isEmpty()) {
                term.human.println("  (none)");
            }
            for (var e : info.extensions()) {
                ext.addObject().put("name", e.name()).set("hooks", Json.tree(e.hooks()));
                term.human.println("  " + e.name() + "  hooks " + String.join(", ", e.hooks()));
            }
            term.human.println(term.bold("Configuration") + "  " + (info.configFile() == null ? "(defaults)"
                    : root.relativize(info.configFile()))
                    + "\n  parallelism " + info.parallelism() + ", retries " + info.maxRetries() + " from "
                    + info.retryDelayMs() + " ms, at most " + info.maxCycles() + " deploy cycles");
            var lock = session.stack.lockHolder();
            term.human.println(term.bold("Stack '" + options.stack + "'"));
            term.human.println("  lock: " + lock.map(l -> l.lockId() + " held by " + l.describe(System.currentTimeMillis()))
                    .orElse("free"));
            lock.ifPresent(l -> doc.set("lock", Json.tree(l)));
            var last = session.stack.lastDeployment();
            term.human.println("  last deployment: " + last.map(x -> x.status() + " (" + x.deploymentId() + ", " + x.updatedAt() + ")")
                    .orElse("none"));
            last.ifPresent(x -> doc.put("lastDeployment", x.status().name()));
            var unfinished = session.stack.unfinishedDeployment();
            unfinished.ifPresent(w -> {
                doc.set("unfinishedDeployment", Json.tree(w));
                term.human.println("  " + term.yellow("⚠ " + w.message()) + "\n    " + term.yellow(w.hint()));
            });
            if (options.json) {
                term.data.println(Json.writePretty(doc));
            }
            return Main.EXIT_OK;
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        } catch (RuntimeException e) {
            return JsonFailure.report(term, options, List.of(dev.creact.engine.model.Problem.error("info-failed",
                    e.getMessage(), null, null, null)));
        }
    }
}
