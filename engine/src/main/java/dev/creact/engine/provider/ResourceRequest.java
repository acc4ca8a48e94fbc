package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * Everything a provider sees of one resource: its id and type, its props with every output reference
 * already resolved, and for read, update and delete what the last successful call returned (outputs and
 * provider-private data). Nothing about the graph, the plan, the state file or other resources.
 *
 * @param id           resource id
 * @param type         construct type such as {@code local:File}
 * @param props        resolved props (without {@code dependsOn})
 * @param outputs      outputs from the last successful call (empty for a create)
 * @param providerData what the provider chose to keep for this resource (null for a create)
 * @param projectRoot  the project folder, for providers that work with relative paths
 */
public record ResourceRequest(String id, String type, ObjectNode props, ObjectNode outputs, JsonNode providerData,
                              Path projectRoot) {
    public ResourceRequest {
        props = props.deepCopy();
        outputs = outputs == null ? props.objectNode() : outputs.deepCopy();
        providerData = providerData == null ? null : providerData.deepCopy();
    }
}
