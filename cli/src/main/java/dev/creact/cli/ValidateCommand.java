package dev.creact.cli;

import dev.creact.engine.api.BuildResult;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Evaluate and validate the stack as `creact build` does, printing nothing but the problems "
                + "(for CI and pre-commit hooks). Exit 0 when valid, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {
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
            result = session.stack.build(options.buildInput(), CancellationToken.NONE);
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        if (options.json) {
            var doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.put("stack", options.stack);
            doc.put("valid", result.ok());
            doc.set("problems", Json.tree(result.problems()));
            term.data.println(Json.writePretty(doc));
        }
        if (!result.problems().isEmpty()) {
            ProblemPrinter.print(term, result.problems());
        }
        return result.ok() ? Main.EXIT_OK : Main.EXIT_ERROR;
    }
}
