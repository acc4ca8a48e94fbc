package dev.creact.engine.provider;

import java.util.Optional;
import java.util.Set;

/**
 * Creates, reads, updates and deletes one resource at a time. That is all a provider does: ordering,
 * retries, checkpoints, rollback, locks and state belong to the deployer and the backend, and this
 * interface gives a provider no way to reach them.
 *
 * <p>Calls may come from several threads at once, for different resources. Each request carries an
 * {@link OperationContext} (cancellation, deadline). A provider is made by its {@link ProviderPlugin} for one
 * deployment or session and closed after it: {@link #close()} lets go of clients, connections and processes.
 */
public interface Provider extends AutoCloseable {
    /** Short name, as in configuration and {@code creact info}: {@code local}, {@code mock}. */
    String name();

    /** Construct types it handles, as patterns: {@code local:*}, {@code aws:s3:Bucket}. */
    Set<String> typePatterns();


    ResourceResult create(ResourceRequest request) throws ProviderException;

    /**
     * The resource as it exists now, or empty if it does not exist. Used after an interruption: an
     * operation that may have happened is checked with read before it is repeated.
     */
    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException;

    /** Updates in place; {@code request.outputs()} and {@code providerData()} are from the last call. */
    ResourceResult update(ResourceRequest request) throws ProviderException;

    /** Deletes; deleting something that no longer exists is not an error. */
    void delete(ResourceRequest request) throws ProviderException;

    /**
     * Adopts a resource that exists already, named by {@code providerId} in the provider's own terms (a
     * file's path, a bucket's name), as {@code terraform import} does: reads it and returns what it found,
     * with its observed props, or empty when there is nothing by that id. {@code request} carries the props the
     * code declares for it. By default a provider imports by reading the resource the request describes.
     */
    default Optional<ResourceResult> importExisting(ResourceRequest request, String providerId) throws ProviderException {
        return read(request);
    }

    /** Lets go of what the provider holds (HTTP clients, processes, files). Calls after close may fail. */
    @Override
    default void close() {
    }
}
