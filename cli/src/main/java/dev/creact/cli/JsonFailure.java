package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;

import java.util.List;

/** A command that failed: the problems for people, and with --json one document that says so. */
final class JsonFailure {
    private JsonFailure() {
    }

    static int report(Terminal term, GlobalOptions options, List<Problem> problems) {
        if (options.json) {
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack == null ? "dev" : options.stack);
            doc.put("valid", false);
            doc.set("problems", Json.tree(problems));
            term.data.println(Json.writePretty(doc));
        }
        ProblemPrinter.print(term, problems);
        return Main.EXIT_ERROR;
    }
}
