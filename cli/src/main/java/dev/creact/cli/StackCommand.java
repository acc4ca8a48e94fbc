package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code creact stack …}: the project's stacks, each with its own state (as Terraform's workspaces). */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {"List, create and remove stacks. Each stack has its own state, lock and journal; commands name "
                + "one with --stack (default: the configuration's defaultStack, else dev).",
                "A --stack that was never created is refused with a suggestion, so a typo does not start a new stack."},
        subcommands = {StackCommand.ListStacks.class, StackCommand.Init.class, StackCommand.Remove.class})
final class StackCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stacks; * marks the one --stack names.")
    static final class ListStacks implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options, false)) {
                var names = new TreeSet<>(session.project.stacks());
                names.add(session.project.defaultStack());
                if (options.json) {
                    ObjectNode doc = Json.mapper().createObjectNode();
                    doc.put("formatVersion", 1);
                    doc.put("current", options.stack);
                    doc.put("default", session.project.defaultStack());
                    doc.set("stacks", Json.tree(names));
                    term.data.println(Json.writePretty(doc));
                }
                for (String name : names) {
                    var state = session.project.stack(name).state();
                    int n = state.cloudDom() == null ? 0 : state.cloudDom().size();
                    term.human.println((name.equals(options.stack) ? "* " : "  ") + name
                            + term.dim("  " + n + " resource" + (n == 1 ? "" : "s")
                            + (name.equals(session.project.defaultStack()) ? ", default" : "")));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create an empty stack.")
    static final class Init implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "The new stack's name.")
        String name;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options, false)) {
                session.project.createStack(name);
                if (options.json) {
                    term.data.println(Json.writePretty(java.util.Map.of("formatVersion", 1, "created", name)));
                }
                term.human.println(term.green("✓") + " created stack '" + name + "'; use it with --stack " + name);
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Remove a stack and its state, journal and lock.",
                    "A stack that still manages resources is refused: `creact destroy --stack NAME` first, or --force to "
                            + "forget them (they stay where they are)."})
    static final class Remove implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "NAME", description = "The stack to remove.")
        String name;

        @Option(names = "--force", description = "Remove it even if its state still has resources (they are not deleted).")
        boolean force;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options, false)) {
                session.project.removeStack(name, force);
                if (options.json) {
                    term.data.println(Json.writePretty(java.util.Map.of("formatVersion", 1, "removed", name)));
                }
                term.human.println(term.green("✓") + " removed stack '" + name + "'");
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }
}
