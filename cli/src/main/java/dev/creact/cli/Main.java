package dev.creact.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code creact} command. Exit codes: 0 success, 1 error (bad input, failed validation, bad usage),
 * 2 "there are changes" for {@code plan --detailed-exitcode}.
 */
@Command(name = "creact",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Infrastructure as React-style components: creact renders infrastructure.tsx into a resource "
                        + "tree (the CloudDOM), diffs it against what is deployed, and deploys the difference.",
                "",
                "Start with `creact init`, then `creact build` to see the resources your file declares."},
        footer = {"", "Colour follows the terminal; set NO_COLOR=1 to turn it off.",
                "Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode)."},
        subcommands = {InitCommand.class, BuildCommand.class, ValidateCommand.class, PlanCommand.class, DeployCommand.class,
                RecoveryCommands.Resume.class, RecoveryCommands.Rollback.class, RecoveryCommands.Destroy.class, RefreshCommand.class, ImportCommand.class, TestCommand.class,
                DevCommand.class, OutputCommand.class, StateCommand.class, StackCommand.class, GraphCommand.class,
                UnlockCommand.class, SecretsCommand.class, AuditCommand.class, InfoCommand.class, LspCommand.class, ServeCommand.class, DaemonCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(args, CommandIo.system());
    }

    /**
     * Runs one command with {@code io}'s streams and terminal facts and returns its exit code: the one entry
     * of both the in-process {@code main} and the daemon, so output cannot differ between them.
     */
    public static int run(String[] args, CommandIo io) {
        CommandIo.bind(io);
        try {
            return execute(args, io);
        } finally {
            io.out().flush();
            io.err().flush();
            CommandIo.unbind();
        }
    }

    private static int execute(String[] args, CommandIo io) {
        var cli = new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            var err = ex.getCommandLine().getErr();
            err.println("creact: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                // picocli's own close matches: a subcommand for a misspelt command, an option for a misspelt option
                err.println("Did you mean " + String.join(" or ", unmatched.getSuggestions().stream().limit(3).toList()) + "?");
            }
            err.println("Run `" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return EXIT_ERROR;
        });
        cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(io.out(), java.nio.charset.StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(io.err(), java.nio.charset.StandardCharsets.UTF_8), true));
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"creact " + (v == null ? "development build" : v),
                    "Java " + Runtime.version()};
        }
    }
}
