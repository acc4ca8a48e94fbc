package dev.creact.cli;

import dev.creact.engine.model.Problem;

import java.util.List;

/** Prints problems for people: each with file:line:column, resource, message and hint; then a count. */
final class ProblemPrinter {
    private ProblemPrinter() {
    }

    static void print(Terminal term, List<Problem> problems) {
        print(term, problems, "");
    }

    /** The same, with a dimmed note after the count (how long the build took). */
    static void print(Terminal term, List<Problem> problems, String note) {
        for (Problem p : problems) {
            String text = p.render();
            term.human.println(p.severity() == Problem.Severity.ERROR ? term.red(text) : term.yellow(text));
        }
        long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
        term.human.println(term.red("✗") + " " + errors + " error" + (errors == 1 ? "" : "s")
                + (note.isEmpty() ? "" : term.dim(" " + note)));
    }

    /** Warnings about the stack beside a result (an unfinished deployment): "⚠ message", then the hint. */
    static void warnings(Terminal term, List<Problem> warnings) {
        for (Problem w : warnings) {
            term.human.println(term.yellow("⚠ " + w.message()));
            if (w.hint() != null) {
                term.human.println(term.yellow("  " + w.hint()));
            }
        }
    }
}
