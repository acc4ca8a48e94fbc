package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.util.Optional;

/** One {@code local:} construct type; {@link LocalProvider} picks the handler by type. */
interface LocalHandler {
    ResourceResult create(ResourceRequest request) throws ProviderException;

    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException;

    ResourceResult update(ResourceRequest request) throws ProviderException;

    void delete(ResourceRequest request) throws ProviderException;

    /**
     * Adopts what exists: by default the resource at the request's {@code path}, which the provider id must
     * name too (a path relative to the project, as the prop is written, or the absolute path).
     */
    default Optional<ResourceResult> importExisting(ResourceRequest request, String providerId) throws ProviderException {
        var path = request.props().path("path").asText(null);
        if (path == null) {
            throw ProviderException.permanent("%s (%s): cannot be imported".formatted(request.id(), request.type()));
        }
        var declared = request.projectRoot().resolve(path).normalize();
        var given = request.projectRoot().resolve(providerId).normalize();
        if (!declared.equals(given)) {
            throw ProviderException.permanent(("%s (%s): the code declares path %s, but the id to import is %s; for "
                    + "local resources the id is the path").formatted(request.id(), request.type(), path, providerId));
        }
        return read(request);
    }
}
