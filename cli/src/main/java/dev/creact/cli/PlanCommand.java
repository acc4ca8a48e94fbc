package dev.creact.cli;

import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.PlanResult;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PlanDocument;
import dev.creact.engine.model.PlanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan",
        description = {"Show what a deploy would change: build the desired CloudDOM, diff it against the deployed "
                + "state of the stack, and order the changes by their dependencies.",
                "Creates (+), updates (~, one line per changed prop), replacements (-/+, with the prop that forces "
                        + "them) and deletes (-), each with the file:line that declares it; then the deployment "
                        + "order in batches and a summary."},
        mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {
    static final int EXIT_CHANGES = 2;

    @Mixin
    GlobalOptions options;

    @Option(names = "--detailed-exitcode", description = "Exit 0 when there is nothing to do, 2 when there are changes, 1 on error.")
    boolean detailedExitCode;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the plan to FILE; `creact deploy FILE` applies exactly that plan.")
    Path out;

    @Option(names = "--target", paramLabel = "ID", description = "Plan only this resource and what it depends on (repeatable).")
    List<String> targets = List.of();

    @Option(names = "--replace", paramLabel = "ID", description = "Replace this resource even if it did not change (repeatable).")
    List<String> replace = List.of();

    @Option(names = "--refresh", description = "First read every deployed resource through its provider (nothing is "
            + "written) and plan against what exists: drift (changed or deleted outside creact) shows and is planned back.")
    boolean refresh;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        PlanResult result;
        try (var session = Session.open(options)) {
            result = session.stack.plan(options.buildInput(),
                    new PlanOptions(new LinkedHashSet<>(targets), new LinkedHashSet<>(replace), refresh), term.cancellation());
            if (result.ok() && out != null) {
                session.stack.savePlan(out, result.plan());
            }
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        if (!result.build().console().isEmpty()) {
            term.human.print(term.dim(result.build().console()));
        }
        if (!result.ok()) {
            return JsonFailure.report(term, options, result.problems());
        }
        var plan = result.plan();
        if (options.json) {
            var doc = PlanDocument.toJson(plan);
            if (!result.warnings().isEmpty()) {
                doc.set("warnings", Json.tree(result.warnings()));
            }
            term.data.println(Json.writePretty(doc));
        }
        ProblemPrinter.warnings(term, result.warnings());
        new PlanPrinter(term).print(plan, options.entryName());
        if (out != null) {
            term.human.println("Saved the plan to " + out + "; apply exactly this plan with `creact deploy " + out + "`.");
        }
        return detailedExitCode && plan.hasChanges() ? EXIT_CHANGES : Main.EXIT_OK;
    }
}
