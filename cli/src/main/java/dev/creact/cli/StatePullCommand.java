package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code creact state pull}: the stack's state as JSON on stdout, as {@code terraform state pull}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Print the stack's deployed state as JSON on stdout (formatVersion, stack, serial, cloudDom), "
                + "from whichever backend the project uses; exits 1 when the stack has no state."})
final class StatePullCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        try (var session = Session.open(options)) {
            var state = session.stack.state();
            if (state.failed()) {
                return JsonFailure.report(term, options, state.problems());
            }
            if (state.snapshot() == null) {
                ProblemPrinter.print(term, List.of(Problem.error("no-state", "stack '" + options.stack
                        + "' has no state in " + session.project.info().backend(), null, null,
                        "deploy it first, or pick another stack with --stack")));
                return Main.EXIT_ERROR;
            }
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack);
            doc.put("serial", state.serial());
            doc.set("cloudDom", Json.tree(state.cloudDom()));
            term.data.println(Json.writePretty(doc));
            return Main.EXIT_OK;
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
    }
}
