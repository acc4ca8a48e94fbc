package dev.creact.cli;

import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Adopt a resource that exists already into the stack's state, as `terraform import` does.",
                "Declare it in the code first (with the props you want it to have), then `creact import ID PROVIDER_ID`: "
                        + "its provider finds it by PROVIDER_ID (for local files and folders, the path; for a random id, its "
                        + "hex value) and the state records what it found. The next `creact plan` shows only where the code "
                        + "differs. An `import: \"PROVIDER_ID\"` prop in the code does the same during a deploy."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Parameters(index = "0", paramLabel = "ID", description = "The resource's id in the code.")
    String id;

    @Parameters(index = "1", paramLabel = "PROVIDER_ID", description = "What its provider calls it.")
    String providerId;

    @Override
    public Integer call() {
        return StateCommand.edit(options, "import", (session, input) ->
                session.stack.importResource(id, providerId, input, DeployEvent.Listener.NONE, CancellationToken.NONE),
                "imported " + id + " from " + providerId);
    }
}
