package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PropChange;
import dev.creact.engine.model.PlanDocument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan for people: changes grouped by action (create, update, replace, delete), each with its type,
 * id and the place that declares it, one line per changed prop; the deployment order in batches; and
 * the summary line. An update says whether it is safe (dev mode applies it without asking). Colours: green create, yellow update, magenta replace, red delete.
 */
final class PlanPrinter {
    private final Terminal term;

    PlanPrinter(Terminal term) {
        this.term = term;
    }

    void print(Plan plan, String entry) {
        var out = term.human;
        var cs = plan.changeSet();
        if (!plan.drift().isEmpty()) {
            out.println(term.bold("Found changed outside creact (the plan below restores what the code says):"));
            for (var d : plan.drift()) {
                out.println("  " + term.yellow(d.describe()) + (d.source() == null ? "" : "  " + term.dim(d.source().toString())));
            }
            out.println();
        }
        if (!plan.hasChanges()) {
            out.println("No changes. The deployed stack '" + plan.stack() + "' matches " + entry + ".");
            out.println(plan.summaryLine());
            return;
        }
        out.println(term.bold("creact will make these changes to stack '" + plan.stack() + "':"));
        section(plan, cs.creates(), "Create");
        section(plan, cs.updates(), "Update in place");
        section(plan, cs.replaces(), "Replace");
        section(plan, cs.deletes(), "Delete");
        if (!plan.outputChanges().isEmpty()) {
            out.println();
            out.println(term.bold("Changes to stack outputs:"));
            for (var o : plan.outputChanges()) {
                String symbol = o.before() == null ? term.green("+") : o.after() == null ? term.red("-") : term.yellow("~");
                out.println("  " + symbol + " " + o.path() + ": "
                        + (o.before() == null ? "" : dev.creact.engine.model.PlanDocument.display(o.before()) + " -> ")
                        + (o.after() == null ? "(removed)" : dev.creact.engine.model.PlanDocument.display(o.after())));
            }
        }
        if (!cs.moves().isEmpty()) {
            out.println();
            out.println(term.bold("Moved in the tree (no change to the resources):"));
            for (var m : cs.moves()) {
                out.println("  " + m.id() + ": under " + name(m.fromParent()) + " -> under " + name(m.toParent()));
            }
        }
        if (plan.order().isEmpty()) {
            out.println();
            out.println(term.bold(plan.summaryLine()));
            return;
        }
        out.println();
        out.println(term.bold("Deployment order:"));
        var actionById = new HashMap<String, Action>();
        cs.all().forEach(c -> actionById.put(c.id(), c.action()));
        int n = 1;
        for (List<String> batch : plan.batches()) {
            var parts = batch.stream().map(id -> colour(actionById.get(id), actionById.get(id).symbol()) + " " + id).toList();
            out.println(String.format("  %2d. %s", n++, String.join(", ", parts)));
        }
        out.println();
        out.println(term.bold(plan.summaryLine()));
    }

    private static String name(String parent) {
        return parent == null ? "the root" : "'" + parent + "'";
    }

    private void section(Plan plan, List<Change> changes, String title) {
        if (changes.isEmpty()) {
            return;
        }
        var out = term.human;
        out.println();
        // Within a section, the order of deployment.
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < plan.order().size(); i++) {
            position.put(plan.order().get(i), i);
        }
        var sorted = changes.stream().sorted((a, b) -> Integer.compare(position.getOrDefault(a.id(), 0),
                position.getOrDefault(b.id(), 0))).toList();
        for (Change c : sorted) {
            String head = colour(c.action(), c.action().symbol()) + " " + term.bold(c.type()) + " " + c.id();
            String where = c.source() == null ? "" : "  " + term.dim(c.source().toString());
            String why = switch (c.action()) {
                case REPLACE -> "  " + term.magenta("(" + String.join("; ", c.replaceReasons()) + ")");
                // Creates, deletes and replacements are always unsafe; only updates can go either way.
                case UPDATE -> c.safety() == null ? "" : "  " + term.dim(c.isSafe() ? "(safe: applied at once in dev mode)"
                        : "(unsafe: " + c.safety().reason() + ")");
                case CREATE -> c.after() != null && c.after().path("import").isTextual()
                        ? "  " + term.cyan("(imports " + c.after().path("import").asText() + " instead of creating it)") : "";
                default -> "";
            };
            out.println(head + where + why);
            switch (c.action()) {
                case CREATE -> props(c.after(), "+");
                case UPDATE, REPLACE -> {
                    for (PropChange p : c.changedProps()) {
                        String line = dev.creact.engine.model.SecretRef.isVersionPath(p.path())
                                ? "~ " + dev.creact.engine.model.SecretRef.propOf(p.path())
                                        + ": (secret changed)"
                                : "~ " + p.path() + ": " + PlanDocument.display(p.before()) + " -> "
                                        + PlanDocument.display(p.after());
                        if (p.forcesReplacement()) {
                            line += "  " + term.magenta("# forces replacement");
                        }
                        out.println("      " + colour(c.action(), line));
                    }
                }
                case DELETE -> { }
            }
            var inner = plan.inner().get(c.id());
            if (inner != null) {
                for (String line : inner.lines()) {
                    out.println("      " + (line.startsWith("  ") ? colourInner(line) : term.dim(line)));
                }
            }
        }
    }

    /** A nested change line coloured by its symbol. */
    private String colourInner(String line) {
        String t = line.strip();
        if (t.startsWith("-/+")) {
            return term.magenta(line);
        }
        if (t.startsWith("+")) {
            return term.green(line);
        }
        if (t.startsWith("~")) {
            return term.yellow(line);
        }
        if (t.startsWith("-")) {
            return term.red(line);
        }
        return term.dim(line);
    }

    private void props(JsonNode props, String symbol) {
        if (props == null) {
            return;
        }
        props.properties().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                term.human.println("      " + term.green(symbol + " " + e.getKey() + ": " + PlanDocument.display(e.getValue()))));
    }

    String colour(Action action, String text) {
        if (action == null) {
            return text;
        }
        return switch (action) {
            case CREATE -> term.green(text);
            case UPDATE -> term.yellow(text);
            case REPLACE -> term.magenta(text);
            case DELETE -> term.red(text);
        };
    }
}
