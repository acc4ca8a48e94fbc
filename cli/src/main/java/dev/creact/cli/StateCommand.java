package dev.creact.cli;

import picocli.CommandLine.Command;

/** {@code creact state …}: commands that read or move a stack's state itself, on any backend. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Read a stack's state, or move every stack's state to another backend.",
        subcommands = {StatePullCommand.class, StateMigrateCommand.class})
final class StateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
