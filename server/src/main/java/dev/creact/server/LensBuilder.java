package dev.creact.server;

import dev.creact.engine.model.Change;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.PlanDocument;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Code lenses of one file of a stack: on line 0 of the entry the plan summary ({@code creact.plan}),
 * {@code Deploy} ({@code creact.deploy}) and {@code Check drift} ({@code creact.refresh}); at each resource element its planned action, or its deployed
 * status with outputs when it is unchanged. A changed resource with an inner plan (a nested app's {@code CReactApp},
 * a Terraform module) adds that plan's summary.
 */
public final class LensBuilder {
    private LensBuilder() {
    }

    public static List<CodeLens> build(Evaluation e, Path file) {
        var lenses = new ArrayList<CodeLens>();
        var args = List.<Object>of(DocumentStore.uri(e.entry()));
        if (file.equals(e.entry())) {
            Range top = new Range(new Position(0, 0), new Position(0, 0));
            // An unfinished deployment first: a plan against a half-applied stack misleads without it.
            e.warnings().forEach(w -> lenses.add(new CodeLens(top, new Command(warningTitle(w), "", List.of()), null)));
            String summary = e.plan() == null ? "Plan: not available (see the errors)"
                    : (e.stale() ? "(stale) " : "") + summary(e);
            lenses.add(new CodeLens(top, new Command(summary, Commands.PLAN, args), null));
            lenses.add(new CodeLens(top, new Command("Deploy", Commands.DEPLOY, args), null));
            lenses.add(new CodeLens(top, new Command("Check drift", Commands.REFRESH, args), null));
        }
        if (e.plan() == null) {
            return lenses;
        }
        var changes = new HashMap<String, Change>();
        e.plan().changeSet().all().forEach(c -> changes.put(c.id(), c));
        var deployed = e.deployed().byId();
        for (Node n : e.plan().desired().allNodes()) {
            if (n.source() == null || !e.resolve(n.source().file()).equals(file)) {
                continue;
            }
            Position at = Positions.toLsp(n.source());
            var c = changes.get(n.id());
            String title = c != null ? action(c) : status(deployed.get(n.id()));
            var inner = e.plan().inner().get(n.id());
            if (c != null && inner != null) {
                // A resource made of others (a nested app's stack, a Terraform module): what its own plan does.
                title += " · " + (inner.note() != null ? inner.tool() + ": " + inner.note()
                        : inner.tool() + ": " + (inner.summary() == null ? inner.changes().size() + " change(s)" : inner.summary()));
            }
            lenses.add(new CodeLens(new Range(at, at), new Command(title, "", List.of()), n.id()));
        }
        return lenses;
    }

    /** "⚠ Interrupted deployment: run `creact resume` to finish it, or `creact rollback` …". */
    static String warningTitle(dev.creact.engine.model.Problem w) {
        String what = switch (w.code()) {
            case "interrupted-deployment" -> "Interrupted deployment";
            case "deployment-in-progress" -> "Deployment in progress";
            default -> w.code();
        };
        return "⚠ " + what + (w.hint() == null ? "" : ": " + w.hint());
    }

    /** {@code Plan: 2 to create, 1 to update, 0 to replace, 0 to delete} */
    static String summary(Evaluation e) {
        var cs = e.plan().changeSet();
        return "Plan: " + cs.creates().size() + " to create, " + cs.updates().size() + " to update, "
                + cs.replaces().size() + " to replace, " + cs.deletes().size() + " to delete";
    }

    static String action(Change c) {
        return switch (c.action()) {
            case CREATE -> "+ create " + c.id();
            case UPDATE -> "~ update " + c.id() + ": " + String.join(", ", c.changedPaths());
            case REPLACE -> "-/+ replace " + c.id() + ": " + String.join("; ", c.replaceReasons());
            case DELETE -> "- delete " + c.id();
        };
    }

    static String status(Node deployed) {
        if (deployed == null) {
            return "✓ unchanged";
        }
        var sb = new StringBuilder("✓ deployed");
        deployed.outputs().properties().forEach(o -> {
            // '$'-outputs are a provider's own bookkeeping (a nested app's signals and stack), not the resource's.
            if (sb.length() < 120 && !o.getKey().startsWith("$")) {
                sb.append(" · ").append(o.getKey()).append("=").append(DiagnosticsBuilder.shorten(
                        o.getValue().isTextual() ? o.getValue().asText() : PlanDocument.display(o.getValue())));
            }
        });
        return sb.toString();
    }
}
