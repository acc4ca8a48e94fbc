package dev.creact.cli;

import dev.creact.engine.api.CreactException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Remove a stack's lock left by a process that is gone.",
                "Only with --force and the lock's id (shown in the error of the command that found it, and by "
                        + "`creact info`): removing the lock of a live deployment lets two run at once, so a holder "
                        + "still running on this host is refused, and one on another host needs --holder-gone."})
final class UnlockCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Option(names = "--force", required = true, description = "Confirm that the holder is gone.")
    boolean force;

    @Option(names = "--holder-gone", description = "Confirm that the holder, on another host, is gone (its process "
            + "cannot be checked from here).")
    boolean holderGone;

    @Parameters(index = "0", paramLabel = "LOCK_ID", description = "The id of the lock to remove.")
    String lockId;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        try (var session = Session.open(options)) {
            var removed = session.stack.forceUnlock(lockId, holderGone,
                    "creact unlock --force " + lockId + (holderGone ? " --holder-gone" : ""), null);
            term.human.println(term.green("✓") + " removed lock " + removed.lockId() + " of stack '" + options.stack
                    + "' held by " + removed.describe(System.currentTimeMillis()));
            if (options.json) {
                term.data.println(dev.creact.engine.model.Json.writePretty(java.util.Map.of("formatVersion", 1,
                        "unlocked", removed)));
            }
            return Main.EXIT_OK;
        } catch (CreactException e) {
            return JsonFailure.report(term, options, java.util.List.of(e.problem()));
        }
    }
}
