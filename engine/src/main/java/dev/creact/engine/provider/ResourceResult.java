package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a provider returns for a resource it created, read or updated.
 *
 * @param outputs      the resource's outputs, readable by other resources as {@code handle.outputs.x}
 * @param providerData anything the provider needs next time (kept in state, never shown in plans)
 */
public record ResourceResult(ObjectNode outputs, JsonNode providerData) {
    public ResourceResult {
        outputs = outputs.deepCopy();
        providerData = providerData == null ? null : providerData.deepCopy();
    }
}
