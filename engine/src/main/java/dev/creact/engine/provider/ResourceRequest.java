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
 * @param context      the call's cancellation and deadline
 */
public record ResourceRequest(String id, String type, ObjectNode props, ObjectNode outputs, JsonNode providerData,
                              Path projectRoot, OperationContext context) {
    public ResourceRequest(String id, String type, ObjectNode props, ObjectNode outputs, JsonNode providerData,
                           Path projectRoot) {
        this(id, type, props, outputs, providerData, projectRoot, OperationContext.NONE);
    }

    public ResourceRequest {
        context = context == null ? OperationContext.NONE : context;
        props = props.deepCopy();
        outputs = outputs == null ? props.objectNode() : outputs.deepCopy();
        providerData = providerData == null ? null : providerData.deepCopy();
    }

    /** The same request with another call context (each attempt of a retried call gets its own deadline). */
    public ResourceRequest withContext(OperationContext newContext) {
        return new ResourceRequest(id, type, props, outputs, providerData, projectRoot, newContext);
    }
}
