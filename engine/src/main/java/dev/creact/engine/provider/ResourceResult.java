package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a provider returns for a resource it created, read or updated.
 *
 * @param outputs      the resource's outputs, readable by other resources as {@code handle.outputs.x}
 * @param providerData anything the provider needs next time (kept in state, never shown in plans)
 * @param observed     from a read: the props as the provider found the resource, for those it can tell
 *                     (a file's content), or null; a refresh compares them with the state to find drift
 */
public record ResourceResult(ObjectNode outputs, JsonNode providerData, ObjectNode observed) {
    public ResourceResult(ObjectNode outputs, JsonNode providerData) {
        this(outputs, providerData, null);
    }

    public ResourceResult {
        outputs = outputs.deepCopy();
        providerData = providerData == null ? null : providerData.deepCopy();
        observed = observed == null ? null : observed.deepCopy();
    }

    /** The same result with what a read observed. */
    public ResourceResult withObserved(ObjectNode props) {
        return new ResourceResult(outputs, providerData, props);
    }
}
