package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.TestReport;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run the tests of your infrastructure code: every *.test.tsx / *.test.ts file of the project, in the "
                + "same sandbox as the components, with `creact/test` (test, describe, render, expect, testCycle).",
                "render(App, { state, context, props }) returns what the components declare; expect(rendered)"
                        + ".toHaveResource(id, props) and .toMatchSnapshot() check it (snapshots live in __snapshots__/ next to "
                        + "the file; --update-snapshots rewrites them); testCycle(name, App) plans, deploys with the mock "
                        + "provider into an in-memory backend and plans again, which must find nothing to do.",
                "Exit 0 when every test passes, 1 otherwise."})
final class TestCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILTER", description = "Only files or tests whose name contains FILTER.")
    String filter;

    @Option(names = "--update-snapshots", description = "Rewrite the snapshots that differ (review the diff afterwards).")
    boolean updateSnapshots;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "60000",
            description = "Time limit for the tests of one file, in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        TestReport report;
        try (var session = Session.open(options, false)) {
            report = session.project.test(filter, updateSnapshots, Duration.ofMillis(timeoutMs), CancellationToken.NONE);
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        if (options.json) {
            ObjectNode doc = Json.mapper().createObjectNode();
            doc.put("formatVersion", 1);
            doc.set("tests", Json.tree(report.tests()));
            var summary = doc.putObject("summary");
            summary.put("tests", report.tests().size());
            summary.put("passed", report.passed());
            summary.put("failed", report.failed());
            summary.put("durationMs", report.millis());
            term.data.println(Json.writePretty(doc));
        }
        String file = null;
        for (var t : report.tests()) {
            if (!t.file().equals(file)) {
                file = t.file();
                term.human.println(term.bold("▶ " + file));
            }
            String time = term.dim(" (" + t.millis() + "ms)");
            if (t.passed()) {
                term.human.println("  " + term.green("✔") + " " + t.name() + time);
            } else {
                term.human.println("  " + term.red("✖") + " " + t.name() + time);
                term.human.println("    " + term.red(t.message()));
                if (t.location() != null) {
                    term.human.println("    " + term.dim("at " + t.location()));
                }
            }
        }
        term.human.println(term.dim("ℹ") + " tests " + report.tests().size());
        term.human.println(term.dim("ℹ") + " pass " + report.passed());
        term.human.println(term.dim("ℹ") + " fail " + report.failed());
        term.human.println(term.dim("ℹ") + " duration_ms " + report.millis());
        if (report.tests().isEmpty()) {
            term.human.println("No tests found: name files *.test.tsx and import { test, expect, render } from \"creact/test\".");
        }
        return report.ok() ? Main.EXIT_OK : Main.EXIT_ERROR;
    }
}
