package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Read every deployed resource through its provider and record what exists in the stack's state.",
                "Drift is printed (`! drifted ID: content changed outside creact`, `! gone ID`); a resource that is gone "
                        + "leaves the state, one that changed takes what was found, so the next `creact plan` restores "
                        + "what the code says. `creact plan --refresh` shows the same without writing anything."})
final class RefreshCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Mixin
    DeployOptionsMixin deploy;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        Outcome result;
        try (var session = Session.open(options)) {
            var r = session.stack.refresh(deploy.input(options, "creact refresh"), null, CancellationToken.NONE);
            result = new Outcome(r.report(), r.drift());
        } catch (CreactException e) {
            result = new Outcome(DeployReport.refused(e.problem()), List.of());
        }
        if (options.json) {
            ObjectNode doc = (ObjectNode) Json.tree(dev.creact.engine.model.DeployDocument.toJson(options.stack, result.report()));
            var drift = doc.putArray("drift");
            result.drift().forEach(d -> drift.addObject().put("id", d.id()).put("kind", d.kind().name().toLowerCase())
                    .put("message", d.describe()).set("changed", Json.tree(d.changed())));
            term.data.println(Json.writePretty(doc));
        }
        result.drift().forEach(d -> term.human.println(term.yellow(d.describe())));
        if (!result.report().problems().isEmpty()) {
            ProblemPrinter.print(term, result.report().problems());
        }
        if (!result.report().ok()) {
            return Main.EXIT_ERROR;
        }
        term.human.println(result.drift().isEmpty() ? "No drift: every resource is as the state says."
                : term.green("✓") + " recorded " + result.drift().size() + " change" + (result.drift().size() == 1 ? "" : "s")
                + " found outside creact" + term.dim(" (state serial " + result.report().serial() + ")")
                + "; `creact plan` shows how to restore them.");
        return Main.EXIT_OK;
    }

    private record Outcome(DeployReport report, List<dev.creact.engine.model.Drift> drift) {
    }
}
