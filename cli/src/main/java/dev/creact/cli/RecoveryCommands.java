package dev.creact.cli;

import dev.creact.engine.model.CancellationToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            return DeployCommand.Runner.run(options, deploy, "resume", (engine, request, term, progress) ->
                    engine.resume(request, progress, CancellationToken.NONE));
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
            return DeployCommand.Runner.run(options, deploy, "rollback", (engine, request, term, progress) ->
                    engine.rollback(request, progress, CancellationToken.NONE));
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true,
            description = "Delete every resource of the stack, dependents first (asks for confirmation unless --auto-approve).")
    static final class Destroy implements Callable<Integer> {
        @Mixin
        GlobalOptions options;
        @Mixin
        DeployOptionsMixin deploy;

        @Override
        public Integer call() {
            return DeployCommand.Runner.run(options, deploy, "destroy", (engine, request, term, progress) ->
                    engine.destroy(request, DeployCommand.Runner.approval(term, options, deploy,
                            "Delete every resource of stack '" + options.stack + "'?"), progress, CancellationToken.NONE));
        }
    }
}
