package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * One resource in the CloudDOM.
 *
 * <p>{@code props}, {@code outputs} and {@code state} are JSON trees. They are copied on the way in and
 * must be treated as read-only on the way out: nothing in the engine mutates a node after it is built.
 *
 * @param id        stable id: component path segments and the local id, kebab-case, joined by '.'
 * @param path      the component path segments (without the local id)
 * @param type      construct type such as {@code local:File}
 * @param props     the props as written (without {@code key}); unknown outputs appear as reference tokens
 * @param children  resources declared under this one
 * @param outputs   outputs known from the last deploy (empty before the first)
 * @param state     provider-private state kept between deploys (null until deployed)
 * @param source    where the resource is declared in the user's source
 * @param dependencies ids this resource depends on that its props may no longer show (sorted). In a
 *                  rendered CloudDOM: the resources whose known outputs its declaration read (a known
 *                  output reads as a plain value, so no reference token marks the edge). In the state:
 *                  every dependency recorded for it when it was deployed (references, {@code dependsOn},
 *                  outputs read), kept so that deletes and replacements still run in dependency order
 *                  after references became values. Omitted from JSON when empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(String id, List<String> path, String type, ObjectNode props, List<Node> children,
                   ObjectNode outputs, JsonNode state, SourceSpan source,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dependencies) {

    public Node(String id, List<String> path, String type, ObjectNode props, List<Node> children,
                ObjectNode outputs, JsonNode state, SourceSpan source) {
        this(id, path, type, props, children, outputs, state, source, List.of());
    }

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        path = List.copyOf(path == null ? List.of() : path);
        props = props == null ? JsonNodeFactory.instance.objectNode() : props.deepCopy();
        children = List.copyOf(children == null ? List.of() : children);
        outputs = outputs == null ? JsonNodeFactory.instance.objectNode() : outputs.deepCopy();
        state = state == null ? null : state.deepCopy();
        dependencies = dependencies == null || dependencies.isEmpty() ? List.of()
                : List.copyOf(new java.util.TreeSet<>(dependencies));
    }

    public Node withChildren(List<Node> newChildren) {
        return new Node(id, path, type, props, newChildren, outputs, state, source, dependencies);
    }

    public Node withOutputs(ObjectNode newOutputs, JsonNode newState) {
        return new Node(id, path, type, props, children, newOutputs, newState, source, dependencies);
    }

    public Node withDependencies(java.util.Collection<String> ids) {
        return new Node(id, path, type, props, children, outputs, state, source, List.copyOf(ids));
    }
}
