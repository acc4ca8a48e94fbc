package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.PlanDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code creact state …}: what the stack's state holds, and edits of it that call no provider. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Read and edit a stack's state without calling any provider.",
                "`list` and `show` read; `rm` forgets resources (they are not deleted) and `mv` renames one (so a renamed "
                        + "key or component does not replace it). Edits take the stack's lock and refuse over an "
                        + "interrupted deployment.",
                "`pull` prints the state as JSON; `migrate --to BACKEND` copies every stack to another backend."},
        subcommands = {StateCommand.ListResources.class, StateCommand.Show.class, StateCommand.Remove.class,
                StateCommand.Move.class, StatePullCommand.class, StateMigrateCommand.class})
final class StateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the resources in the stack's state: id, construct type, and where it is declared.")
    static final class ListResources implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var state = session.stack.state();
                if (state.failed()) {
                    return JsonFailure.report(term, options, state.problems());
                }
                var nodes = state.cloudDom() == null ? List.<Node>of() : state.cloudDom().allNodes();
                if (options.json) {
                    ObjectNode doc = Json.mapper().createObjectNode();
                    doc.put("formatVersion", 1);
                    doc.put("stack", options.stack);
                    doc.put("serial", state.serial());
                    var list = doc.putArray("resources");
                    nodes.forEach(n -> list.addObject().put("id", n.id()).put("type", n.type()));
                    term.data.println(Json.writePretty(doc));
                }
                if (nodes.isEmpty()) {
                    term.human.println("The state of stack '" + options.stack + "' holds no resources.");
                }
                for (Node n : nodes) {
                    term.human.println(n.id() + "  " + term.dim(n.type()));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one resource as the state holds it: type, props, outputs, recorded dependencies.")
    static final class Show implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "ID", description = "The resource id.")
        String id;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var state = session.stack.state();
                if (state.failed()) {
                    return JsonFailure.report(term, options, state.problems());
                }
                var byId = state.cloudDom() == null ? java.util.Map.<String, Node>of() : state.cloudDom().byId();
                Node n = byId.get(id);
                if (n == null) {
                    return JsonFailure.report(term, options, List.of(dev.creact.engine.model.Problem.error("unknown-resource",
                            "no resource '" + id + "' in the state of stack '" + options.stack + "'"
                                    + dev.creact.engine.model.Suggestions.didYouMean(id, byId.keySet()), null, id,
                            "`creact state list` shows the resources the state holds")));
                }
                ObjectNode shown = Json.mapper().createObjectNode();
                shown.put("id", n.id());
                shown.put("type", n.type());
                shown.set("props", n.props());
                shown.set("outputs", n.outputs());
                shown.set("dependencies", Json.tree(n.dependencies()));
                if (n.source() != null) {
                    shown.put("source", n.source().toString());
                }
                if (options.json) {
                    ObjectNode doc = Json.mapper().createObjectNode();
                    doc.put("formatVersion", 1);
                    doc.put("stack", options.stack);
                    doc.set("resource", shown);
                    term.data.println(Json.writePretty(doc));
                }
                term.human.println(term.bold(n.id()) + "  " + n.type() + (n.source() == null ? "" : term.dim("  " + n.source())));
                term.human.println("  props");
                n.props().properties().forEach(e -> term.human.println("    " + e.getKey() + " = " + PlanDocument.display(e.getValue())));
                term.human.println("  outputs");
                n.outputs().properties().forEach(e -> term.human.println("    " + e.getKey() + " = " + PlanDocument.display(e.getValue())));
                if (!n.dependencies().isEmpty()) {
                    term.human.println("  depends on " + String.join(", ", n.dependencies()));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Forget resources: take them out of the stack's state without deleting them.",
                    "creact no longer manages them; if the code still declares them, the next plan creates them anew."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(arity = "1..*", paramLabel = "ID", description = "The resources to forget.")
        List<String> ids;

        @Override
        public Integer call() {
            return edit(options, "state rm", (session, input) ->
                    session.stack.forget(new LinkedHashSet<>(ids), input, DeployEvent.Listener.NONE),
                    "forgot " + String.join(", ", ids) + " (not deleted)");
        }
    }

    @Command(name = "mv", mixinStandardHelpOptions = true,
            description = {"Rename a resource in the stack's state, keeping what was deployed.",
                    "Use it after renaming a resource's key or its component, so the plan does not replace it."})
    static final class Move implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "OLD", description = "The id in the state now.")
        String from;

        @Parameters(index = "1", paramLabel = "NEW", description = "The id the code now gives it.")
        String to;

        @Override
        public Integer call() {
            return edit(options, "state mv", (session, input) -> session.stack.move(from, to, input, DeployEvent.Listener.NONE),
                    "renamed " + from + " to " + to);
        }
    }

    @FunctionalInterface
    interface Edit {
        DeployReport run(Session session, dev.creact.engine.api.DeployInput input);
    }

    /** Runs one state edit and reports it like the other stack-changing commands do. */
    static int edit(GlobalOptions options, String verb, Edit edit, String done) {
        var term = new Terminal(options);
        DeployReport report;
        try (var session = Session.open(options)) {
            report = edit.run(session, dev.creact.engine.api.DeployInput.of(options.buildInput(), "creact " + verb));
        } catch (CreactException e) {
            report = DeployReport.refused(e.problem());
        }
        if (options.json) {
            term.data.println(Json.writePretty(dev.creact.engine.model.DeployDocument.toJson(options.stack, report)));
        }
        if (!report.problems().isEmpty()) {
            ProblemPrinter.print(term, report.problems());
        }
        if (report.ok()) {
            term.human.println(term.green("✓") + " " + done + term.dim(" (state serial " + report.serial() + ")"));
            return Main.EXIT_OK;
        }
        return Main.EXIT_ERROR;
    }
}
