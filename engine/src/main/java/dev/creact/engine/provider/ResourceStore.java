package dev.creact.engine.provider;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider's own documents about the resources it manages, kept in the stack's backend: for example the
 * Terraform state of a module that {@code creact/terraform} deploys. It is bound to one stack and one
 * provider; a provider can read and write its documents for a resource id, and nothing else: not creact's
 * state, the journal, locks or other providers' documents. Storing is all it does; when to store is the
 * provider's own business, and ordering, retries and rollback stay with the deployer.
 *
 * <p>Why not the resource's {@code providerData}: that is only kept when a call succeeds, while a tool's
 * own state must be kept after a failed run too (the tool may have created half of what it was asked), and
 * it may be large; a team on a shared backend shares these documents with the state.
 */
public interface ResourceStore {
    /** The document {@code name} of resource {@code resourceId}, as last written. */
    Optional<byte[]> read(String resourceId, String name);

    /** Replaces the document {@code name} of resource {@code resourceId} (atomically, as the backend writes). */
    void write(String resourceId, String name, byte[] content);

    /** A store that lives as long as the object, for tools and tests that call a provider directly. */
    static ResourceStore inMemory() {
        var documents = new ConcurrentHashMap<String, byte[]>();
        return new ResourceStore() {
            @Override
            public Optional<byte[]> read(String resourceId, String name) {
                return Optional.ofNullable(documents.get(resourceId + "\u0000" + name)).map(byte[]::clone);
            }

            @Override
            public void write(String resourceId, String name, byte[] content) {
                documents.put(resourceId + "\u0000" + name, content.clone());
            }
        };
    }
}
