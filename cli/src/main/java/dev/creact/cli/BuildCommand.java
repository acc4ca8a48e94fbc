package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.BuildResult;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "build",
        description = {"Evaluate the entry module into a CloudDOM and validate it.",
                "Prints the resources with the place that declares each, or every problem found with file, "
                        + "line and column. With --json, prints the CloudDOM."},
        mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        BuildResult result;
        try (var session = Session.open(options)) {
            var state = session.stack.state();
            if (state.failed()) {
                return JsonFailure.report(term, options, state.problems());
            }
            result = session.stack.build(options.buildInput(), term.cancellation());
        } catch (CreactException e) {
            return JsonFailure.report(term, options, java.util.List.of(e.problem()));
        }
        if (!result.console().isEmpty()) {
            term.human.print(term.dim(result.console()));
        }
        if (options.json) {
            term.data.println(Json.writePretty(document(result)));
        }
        ProblemPrinter.warnings(term, result.warnings());
        if (!result.ok()) {
            ProblemPrinter.print(term, result.problems(), "(" + result.elapsed().toMillis() + " ms)");
            return Main.EXIT_ERROR;
        }
        printTree(term, result.cloudDom());
        int n = result.cloudDom().size();
        term.human.println(term.green("✓") + " " + n + " resource" + (n == 1 ? "" : "s") + ", valid "
                + term.dim("(stack " + options.stack + ", " + result.elapsed().toMillis() + " ms)"));
        return Main.EXIT_OK;
    }

    private ObjectNode document(BuildResult result) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("formatVersion", 1);
        doc.put("stack", options.stack);
        doc.put("valid", result.ok());
        doc.put("resourceCount", result.cloudDom() == null ? 0 : result.cloudDom().size());
        doc.set("problems", Json.tree(result.problems()));
        if (!result.warnings().isEmpty()) {
            doc.set("warnings", Json.tree(result.warnings()));
        }
        if (result.cloudDom() != null) {
            doc.set("cloudDom", Json.tree(result.cloudDom()));
        }
        return doc;
    }

    private static void printTree(Terminal term, CloudDom dom) {
        int width = dom.allNodes().stream().mapToInt(n -> n.id().length() + 2 * n.path().size()).max().orElse(0);
        for (Node n : dom.resources()) {
            print(term, n, 0, width);
        }
    }

    private static void print(Terminal term, Node n, int depth, int width) {
        String indent = "  ".repeat(depth + 1);
        String left = indent + n.id();
        String pad = " ".repeat(Math.max(1, width + 4 - left.length()));
        term.human.println(left + pad + term.bold(n.type()) + "  "
                + term.dim(n.source() == null ? "" : n.source().toString()));
        for (Node c : n.children()) {
            print(term, c, depth + 1, width);
        }
    }
}
