package dev.creact.engine.render;

import dev.creact.engine.model.ConstructSchema;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one render produced: the declared resources in order, the component state to persist, the
 * recorded effects, the construct schemas known in this evaluation, the modules it loaded, what user
 * code printed, any problem that stopped it (then {@code nodes} is empty), and whether any component
 * read a resource's outputs (if none did, deployed outputs cannot change what it renders), and the stack
 * outputs declared with {@code useStackOutputs}.
 */
public record RenderResult(List<DeclaredNode> nodes, Map<String, List<JsonNode>> componentState,
                           List<JsonNode> effects, Map<String, ConstructSchema> constructs,
                           List<Path> modules, String console, List<Problem> problems, boolean outputsRead,
                           com.fasterxml.jackson.databind.node.ObjectNode stackOutputs) {
    public RenderResult {
        nodes = List.copyOf(nodes);
        componentState = Map.copyOf(componentState);
        effects = List.copyOf(effects);
        constructs = Map.copyOf(constructs);
        modules = List.copyOf(modules);
        problems = List.copyOf(problems);
        stackOutputs = stackOutputs == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : stackOutputs;
    }

    public boolean failed() {
        return !problems.isEmpty();
    }
}
