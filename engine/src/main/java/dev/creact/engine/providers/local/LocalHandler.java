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
}
