package dev.creact.engine.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.SourceSpan;

import java.util.List;

/**
 * A resource as the renderer saw it declared, before validation and before the tree is built.
 *
 * @param id         node id
 * @param path       component path segments
 * @param type       construct type
 * @param props      props (references as tokens)
 * @param parentId   the resource it is nested under, or null at the root
 * @param source     where it was declared (original file coordinates), or null when unknown
 * @param components the component names from the root to the declaring component
 * @param reads      the resources whose known outputs its declaration read (see {@code Node.dependencies})
 */
public record DeclaredNode(String id, List<String> path, String type, ObjectNode props, String parentId,
                           SourceSpan source, List<String> components, List<String> reads) {
    public DeclaredNode {
        reads = reads == null ? List.of() : List.copyOf(reads);
    }
}
