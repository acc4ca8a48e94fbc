package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code local:Exec}: runs {@code create} once when the resource is created and {@code destroy} when it is
 * deleted. What a command did cannot be checked afterwards, so the resource "exists" when its provider data
 * records that {@code create} completed. Messages never quote the command itself: its secrets are resolved
 * into it just before the call, and messages end up in state and logs.
 */
final class Execs implements LocalHandler {
    static final long DEFAULT_TIMEOUT_MS = 60_000;
    private static final int STDERR_LINES = 10;

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        ShellCommand.Outcome outcome = run(request, "create", Props.requiredString(request, "create"));
        ObjectNode outputs = JsonNodeFactory.instance.objectNode()
                .put("stdout", outcome.stdout().replaceAll("[\r\n]+$", ""))
                .put("exitCode", outcome.exitCode());
        return new ResourceResult(outputs, ran());
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) {
        return ran(request) ? Optional.of(new ResourceResult(request.outputs(), request.providerData())) : Optional.empty();
    }

    /** Only {@code destroy} and {@code timeoutMs} can change in place, and neither changes what create did. */
    @Override
    public ResourceResult update(ResourceRequest request) {
        return new ResourceResult(request.outputs(), ran(request) ? request.providerData() : ran());
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        String destroy = Props.string(request, "destroy", null);
        if (destroy != null && !destroy.isBlank()) {
            run(request, "destroy", destroy);
        }
    }

    private static ShellCommand.Outcome run(ResourceRequest request, String which, String command) throws ProviderException {
        Path cwd = ProjectPaths.resolve(request, "cwd", Props.string(request, "cwd", "."), true);
        long timeoutMs = Props.positiveLong(request, "timeoutMs", DEFAULT_TIMEOUT_MS);
        if (!Files.isDirectory(cwd)) {
            throw ProviderException.permanent("%s (%s): cwd %s is not a folder".formatted(request.id(), request.type(), cwd));
        }
        ShellCommand.Outcome outcome;
        try {
            outcome = ShellCommand.run(command, cwd, timeoutMs);
        } catch (ShellCommand.TimedOut e) {
            // The command may just have been slow this time (a network, a busy machine): worth another try.
            throw ProviderException.transientFailure("%s (%s): %s command timed out after %d ms and was stopped"
                    .formatted(request.id(), request.type(), which, timeoutMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.transientFailure("%s (%s): %s command was interrupted and stopped"
                    .formatted(request.id(), request.type(), which));
        } catch (IOException e) {
            throw new ProviderException("%s (%s): cannot start the %s command: %s"
                    .formatted(request.id(), request.type(), which, e.getMessage()), false, e);
        }
        if (outcome.exitCode() != 0) {
            var tail = outcome.stderrTail(STDERR_LINES);
            throw ProviderException.permanent("%s (%s): %s command exited with code %d%s".formatted(
                    request.id(), request.type(), which, outcome.exitCode(),
                    tail.isEmpty() ? " (no stderr)" : "; stderr ends with:\n  " + String.join("\n  ", tail)));
        }
        return outcome;
    }

    private static boolean ran(ResourceRequest request) {
        JsonNode data = request.providerData();
        return data != null && data.path("ran").asBoolean(false);
    }

    private static ObjectNode ran() {
        return JsonNodeFactory.instance.objectNode().put("ran", true);
    }

    /** A command's run cannot be adopted: it happens when creact creates the resource. */
    @Override
    public java.util.Optional<ResourceResult> importExisting(ResourceRequest request, String providerId) throws ProviderException {
        throw ProviderException.permanent(("%s (%s): a command cannot be imported: it runs when creact creates it")
                .formatted(request.id(), request.type()));
    }
}
