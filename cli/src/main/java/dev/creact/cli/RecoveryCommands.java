package dev.creact.cli;

import dev.creact.engine.model.PlanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code resume}, {@code rollback} and {@code destroy}: the other commands that change a stack. */
final class RecoveryCommands {
    private RecoveryCommands() {
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Finish an interrupted deployment from its journal.",
                    "An operation that may have run before the interruption is checked with its provider first and "
                            + "repeated only if it did not happen; nothing is created twice."})
    static final class Resume implements Callable<Integer> {
        @Mixin
        GlobalOptions options;
        @Mixin
        DeployOptionsMixin deploy;

        @Override
        public Integer call() {
            return DeployCommand.Runner.run(options, deploy, "resume", (stack, input, term, progress) ->
                    stack.resume(input, progress, term.cancellation()));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Return the stack to the state it had before its last interrupted or failed deployment.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        GlobalOptions options;
        @Mixin
        DeployOptionsMixin deploy;

        @Override
        public Integer call() {
            return DeployCommand.Runner.run(options, deploy, "rollback", (stack, input, term, progress) ->
                    stack.rollback(input, progress, term.cancellation()));
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = {"Delete every resource of the stack, dependents first (asks for confirmation unless --auto-approve).",
                    "With --target, delete only those resources and everything that depends on them."})
    static final class Destroy implements Callable<Integer> {
        @Mixin
        GlobalOptions options;
        @Mixin
        DeployOptionsMixin deploy;

        @Option(names = "--target", paramLabel = "ID", description = "Destroy only this resource and its dependents (repeatable).")
        List<String> targets = List.of();

        @Override
        public Integer call() {
            String question = targets.isEmpty() ? "Delete every resource of stack '" + options.stack + "'?"
                    : "Delete these resources of stack '" + options.stack + "'?";
            return DeployCommand.Runner.run(options, deploy, "destroy", (stack, input, term, progress) ->
                    stack.destroy(input, new PlanOptions(new java.util.LinkedHashSet<>(targets), java.util.Set.of()),
                            DeployCommand.Runner.approval(term, options, deploy, question), progress, term.cancellation()));
        }
    }
}
