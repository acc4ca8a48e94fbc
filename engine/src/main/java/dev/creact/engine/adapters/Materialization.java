package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ResourceStore;

import java.nio.file.Path;

/**
 * Everything an adapter gets to create, update, delete or inspect one resource: no more than a provider
 * gets (its props, last outputs and data, the call's context), plus the resource's own working directory,
 * its documents in the {@link ResourceStore}, and the redactor for its secrets.
 *
 * @param operation    what to do
 * @param id           resource id
 * @param type         construct type
 * @param props        resolved props
 * @param outputs      outputs of the last successful call (empty for a create)
 * @param providerData what the last successful call kept (null for a create)
 * @param projectRoot  the project folder
 * @param workDir      the resource's own working directory (made by the base adapter, kept between calls)
 * @param store        the resource's documents in the stack's backend (the tool's state)
 * @param settings     the adapter's settings from the configuration
 * @param context      cancellation, deadline, progress
 * @param redactor     masks the resource's secret values in anything shown
 */
public record Materialization(Operation operation, String id, String type, ObjectNode props, ObjectNode outputs,
                              JsonNode providerData, Path projectRoot, Path workDir, ResourceStore store,
                              ObjectNode settings, OperationContext context, Redactor redactor) {
    /** The four things an adapter does to one resource. */
    public enum Operation { CREATE, UPDATE, DELETE, INSPECT }

    /** The tool's document {@code name} for this resource, if it was ever written. */
    public java.util.Optional<byte[]> document(String name) {
        return store.read(id, name);
    }
}
