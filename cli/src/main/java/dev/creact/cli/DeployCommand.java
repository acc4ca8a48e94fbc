package dev.creact.cli;

import dev.creact.engine.api.Approval;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.api.Stack;
import dev.creact.engine.model.DeployDocument;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "deploy",
        description = {"Deploy the stack: show the plan, ask for confirmation (unless --auto-approve), apply it with a "
                + "progress bar, then re-render with the new outputs and apply again until nothing changes.",
                "With PLANFILE (from `creact plan --out`), apply exactly that plan without asking again (the plan was "
                        + "the approval, as `terraform apply PLANFILE`); it is refused if the stack's state changed since "
                        + "it was made."},
        mixinStandardHelpOptions = true)
final class DeployCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Mixin
    DeployOptionsMixin deploy;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLANFILE", description = "A saved plan to apply exactly.")
    Path planFile;

    @Override
    public Integer call() {
        return Runner.run(options, deploy, "deploy", (stack, input, term, progress) -> {
            if (planFile != null) {
                var saved = stack.readPlan(planFile);
                new PlanPrinter(term).print(saved, options.entryName());
                return stack.apply(saved, input, progress, term.cancellation());
            }
            return stack.deploy(input, Runner.approval(term, options, deploy, "Apply these changes?"), progress,
                    term.cancellation());
        });
    }

    /** What the stack-changing commands share: set-up, confirmation, progress, the report and the exit code. */
    static final class Runner {
        @FunctionalInterface
        interface Action {
            DeployReport run(Stack stack, DeployInput input, Terminal term, ProgressPrinter progress);
        }

        static int run(GlobalOptions options, DeployOptionsMixin deploy, String verb, Action action) {
            var term = new Terminal(options);
            DeployReport report;
            try (var session = Session.open(options)) {
                var progress = new ProgressPrinter(term);
                report = action.run(session.stack, deploy.input(options, "creact " + verb), term, progress);
                progress.finish();
            } catch (CreactException e) {
                report = DeployReport.refused(e.problem());
            }
            if (options.json) {
                term.data.println(Json.writePretty(DeployDocument.toJson(options.stack, report)));
            }
            print(term, report, verb);
            return report.ok() ? Main.EXIT_OK : Main.EXIT_ERROR;
        }

        static DeployReport refusedReport(String code, String message) {
            return DeployReport.refused(Problem.error(code, message, null, null, null));
        }

        /** Shows the plan and asks; without a terminal, refuses unless --auto-approve. */
        static Approval approval(Terminal term, GlobalOptions options, DeployOptionsMixin deploy, String question) {
            return plan -> {
                new PlanPrinter(term).print(plan, options.entryName());
                if (deploy.autoApprove) {
                    return true;
                }
                if (!term.interactive()) {
                    term.human.println(term.red("Not applied: confirmation is needed and there is no terminal to ask on. "
                            + "Review the plan above and pass --auto-approve to apply it."));
                    return false;
                }
                term.human.print("\n" + term.bold(question) + " Only 'yes' is accepted: ");
                term.human.flush();
                try {
                    var line = new BufferedReader(new InputStreamReader(term.in, StandardCharsets.UTF_8)).readLine();
                    return line != null && line.strip().equals("yes");
                } catch (java.io.IOException e) {
                    return false;
                }
            };
        }

        /** {@code infrastructure.tsx:7:3: } for a resource the report's plans declare, else nothing. */
        static String where(DeployReport report, String id) {
            for (var plan : report.plans()) {
                var node = plan.desired().byId().get(id);
                if (node != null && node.source() != null) {
                    return node.source() + ": ";
                }
            }
            return "";
        }

        static void print(Terminal term, DeployReport report, String verb) {
            if (!report.problems().isEmpty()) {
                ProblemPrinter.print(term, report.problems());
            }
            String counts = report.created().size() + " created, " + report.updated().size() + " updated, "
                    + report.deleted().size() + " deleted";
            switch (report.outcome()) {
                case NO_CHANGES -> term.human.println("No changes. Nothing to " + verb + ".");
                case DEPLOYED -> term.human.println(term.green("✓") + " " + verb + " complete: " + counts
                        + (report.plans().size() > 1 ? " in " + report.plans().size() + " cycles" : "")
                        + term.dim(" (state serial " + report.serial() + ")"));
                case ROLLED_BACK -> term.human.println(term.green("✓") + " rolled back: " + counts
                        + term.dim(" (state serial " + report.serial() + ")"));
                case DECLINED -> term.human.println("Nothing was changed.");
                case CANCELLED -> term.human.println(term.yellow("Cancelled: " + counts + " before stopping; the state records it."));
                case FAILED -> {
                    term.human.println(term.red("✗ " + verb + " failed") + ": " + counts + ", "
                            + report.failed().stream().filter(f -> !f.skipped()).count() + " failed, "
                            + report.failed().stream().filter(f -> f.skipped()).count() + " skipped.");
                    report.failed().stream().filter(f -> !f.skipped()).forEach(f ->
                            term.human.println(term.red("  " + where(report, f.id()) + f.id() + ": " + f.reason())));
                    if (!report.failed().isEmpty()) {
                        term.human.println("The state records what was done. Fix the cause and run `creact deploy` again, "
                                + "or `creact rollback` to return to the state before this deployment.");
                    }
                }
                case REFUSED -> { }
            }
        }
    }
}
