package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.BuildResult;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the stack's dependency graph in Graphviz DOT: one node per resource (id and construct type), "
                + "an edge from each resource to each one it needs deployed first (a reference, dependsOn, an output read).",
                "Render it with `creact graph | dot -Tsvg > graph.svg`. With --json: {nodes, edges}."})
final class GraphCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        BuildResult result;
        try (var session = Session.open(options)) {
            result = session.stack.build(options.buildInput(), CancellationToken.NONE);
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        if (!result.ok()) {
            return JsonFailure.report(term, options, result.problems());
        }
        var nodes = result.cloudDom().allNodes();
        var deps = result.dependencies();
        if (options.json) {
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack);
            var list = doc.putArray("nodes");
            nodes.forEach(n -> list.addObject().put("id", n.id()).put("type", n.type()));
            var edges = doc.putArray("edges");
            deps.forEach((from, tos) -> tos.forEach(to -> edges.addObject().put("from", from).put("to", to)));
            term.data.println(Json.writePretty(doc));
            return Main.EXIT_OK;
        }
        var out = term.data;
        out.println("digraph " + quote(options.stack) + " {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box, fontname=\"sans-serif\"];");
        for (Node n : nodes) {
            out.println("  " + quote(n.id()) + " [label=" + quote(n.id() + "\n" + n.type()) + "];");
        }
        deps.forEach((from, tos) -> tos.forEach(to -> out.println("  " + quote(from) + " -> " + quote(to) + ";")));
        out.println("}");
        return Main.EXIT_OK;
    }

    /** A DOT string: double-quoted, with quotes, backslashes and newlines escaped. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
