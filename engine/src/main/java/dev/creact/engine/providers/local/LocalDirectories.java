package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code local:Directory}: a folder under the project root. Deleting never removes anything inside it. */
final class LocalDirectories implements LocalHandler {
    private static final int LISTED_ENTRIES = 5;

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw LocalFiles.failure(request, "create folder", path, e);
        }
        return result(path);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return create(request); // only the path matters, and changing it replaces the folder
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        if (!Files.isDirectory(path)) {
            return Optional.empty();
        }
        var observed = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        observed.set("path", request.props().get("path"));
        return Optional.of(result(path).withObserved(observed));
    }

    /**
     * Refuses a folder that still has files: they may be the user's, or belong to resources that are not
     * deleted yet, and removing them silently would lose data. The refusal is transient: files of this stack
     * that do not declare their folder as a dependency may be being deleted at this moment, so the deployer's
     * retries give them time; a folder that stays non-empty fails for good once the retries are spent.
     */
    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        if (!Files.isDirectory(path)) {
            return;
        }
        List<String> entries;
        long count;
        try (Stream<Path> list = Files.list(path)) {
            List<String> all = list.map(p -> p.getFileName().toString()).sorted().toList();
            count = all.size();
            entries = all.subList(0, (int) Math.min(count, LISTED_ENTRIES));
        } catch (IOException e) {
            throw LocalFiles.failure(request, "list", path, e);
        }
        if (count > 0) {
            throw ProviderException.transientFailure("%s (%s): cannot delete %s: it is not empty (%d %s: %s%s)".formatted(
                    request.id(), request.type(), path, count, count == 1 ? "entry" : "entries",
                    String.join(", ", entries), count > entries.size() ? ", …" : ""));
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw LocalFiles.failure(request, "delete", path, e);
        }
    }

    private static Path path(ResourceRequest request) throws ProviderException {
        return ProjectPaths.resolve(request, "path", Props.requiredString(request, "path"));
    }

    private static ResourceResult result(Path path) {
        return new ResourceResult(JsonNodeFactory.instance.objectNode().put("path", path.toString()), null);
    }
}
