package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PlanDocument;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "output", mixinStandardHelpOptions = true,
        description = {"Show the stack's outputs (declared in code with useStackOutputs({...})) as the last deploy left them.",
                "With NAME, print only that output's value (a string as it is, anything else as JSON), for scripts: "
                        + "URL=$(creact output url)."})
final class OutputCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "One output.")
    String name;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        try (var session = Session.open(options)) {
            var state = session.stack.state();
            if (state.failed()) {
                return JsonFailure.report(term, options, state.problems());
            }
            ObjectNode outputs = session.stack.outputs();
            if (name != null) {
                JsonNode value = outputs.get(name);
                if (value == null) {
                    var names = new java.util.TreeSet<String>();
                    outputs.fieldNames().forEachRemaining(names::add);
                    return JsonFailure.report(term, options, List.of(Problem.error("unknown-output", "stack '" + options.stack
                            + "' has no output '" + name + "'" + Suggestions.didYouMean(name, names)
                            + (names.isEmpty() ? " (it has none)" : " (its outputs are " + String.join(", ", names) + ")"),
                            null, null, "declare it with useStackOutputs({ " + name + ": … }) and deploy")));
                }
                if (options.json) {
                    term.data.println(Json.writePretty(value));
                } else {
                    term.data.println(value.isTextual() ? value.asText() : Json.write(value));
                }
                return Main.EXIT_OK;
            }
            if (options.json) {
                ObjectNode doc = Json.mapper().createObjectNode();
                doc.put("formatVersion", 1);
                doc.put("stack", options.stack);
                doc.set("outputs", outputs);
                term.data.println(Json.writePretty(doc));
                return Main.EXIT_OK;
            }
            if (outputs.isEmpty()) {
                term.human.println("Stack '" + options.stack + "' has no outputs; declare them with useStackOutputs({...}).");
            }
            outputs.properties().forEach(e -> term.data.println(e.getKey() + " = " + PlanDocument.display(e.getValue())));
            return Main.EXIT_OK;
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
    }
}
