package dev.creact.server;

import dev.creact.engine.model.Change;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.PlanDocument;
import dev.creact.engine.model.SensitiveOutputs;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Hover on a line that declares resources: for each, its id, construct type, planned action with the
 * before and after of the changed props, whether dev mode applies it at once (safe) or asks first
 * (unsafe), what an external tool plans inside it (a Terraform module's own changes), and the last outputs
 * from the deployed state (Markdown).
 */
public final class HoverBuilder {
    private HoverBuilder() {
    }

    /** The hover for 0-based {@code line} of {@code file}, or null when no resource is declared there. */
    public static Hover build(Evaluation e, Path file, int line) {
        if (e.plan() == null) {
            return null;
        }
        var changes = new HashMap<String, Change>();
        e.plan().changeSet().all().forEach(c -> changes.put(c.id(), c));
        var deployed = e.deployed().byId();
        var parts = new ArrayList<String>();
        for (Node n : e.plan().desired().allNodes()) {
            if (n.source() == null || n.source().line() - 1 != line || !e.resolve(n.source().file()).equals(file)) {
                continue;
            }
            parts.add(describe(n, changes.get(n.id()), e.plan().inner().get(n.id()), deployed.get(n.id()), e.stale()));
        }
        if (parts.isEmpty()) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n---\n\n", parts)));
    }

    static String describe(Node n, Change c, Node deployed, boolean stale) {
        return describe(n, c, null, deployed, stale);
    }

    /** As above, with what an external tool plans inside the resource (a Terraform module's own changes). */
    static String describe(Node n, Change c, InnerPlan inner, Node deployed, boolean stale) {
        var sb = new StringBuilder();
        sb.append("**").append(n.id()).append("** · `").append(n.type()).append("`\n\n");
        if (c == null) {
            sb.append(deployed == null ? "unchanged" : "✓ deployed, unchanged");
        } else {
            sb.append("**").append(c.action().symbol()).append(" ").append(c.action().word()).append("**");
            if (!c.replaceReasons().isEmpty()) {
                sb.append(" (").append(String.join("; ", c.replaceReasons())).append(")");
            }
            sb.append("\n\n```diff\n");
            switch (c.action()) {
                case CREATE -> c.after().properties().forEach(p ->
                        sb.append("+ ").append(p.getKey()).append(": ").append(PlanDocument.display(p.getValue())).append('\n'));
                default -> c.changedProps().forEach(p -> {
                    if (dev.creact.engine.model.SecretRef.isVersionPath(p.path())) {
                        sb.append("~ ").append(dev.creact.engine.model.SecretRef.propOf(p.path())).append(": (secret changed)\n");
                        return;
                    }
                    sb.append("- ").append(p.path()).append(": ").append(PlanDocument.display(p.before())).append('\n');
                    sb.append("+ ").append(p.path()).append(": ").append(PlanDocument.display(p.after())).append('\n');
                });
            }
            sb.append("```");
            if (c.safety() != null) {
                sb.append("\n\nSafety: ").append(c.isSafe() ? "safe — applied at once in dev mode"
                        : "unsafe — " + c.safety().reason() + "; dev mode asks first");
            }
        }
        if (inner != null) {
            var lines = inner.lines();
            sb.append("\n\n").append(lines.getFirst().replace("`", "'"));
            if (lines.size() > 1) {
                sb.append("\n\n```diff\n");
                lines.subList(1, lines.size()).forEach(l -> sb.append(l.strip()).append('\n'));
                sb.append("```");
            }
        }
        if (stale) {
            sb.append("\n\n_stale: the last good plan; the files have errors now_");
        }
        if (deployed != null && !deployed.outputs().isEmpty()) {
            sb.append("\n\nOutputs (deployed):\n");
            var sensitive = SensitiveOutputs.of(deployed);
            deployed.outputs().properties().forEach(o -> sb.append("- `").append(o.getKey()).append("`: `")
                    .append(sensitive.contains(o.getKey()) ? SensitiveOutputs.MASK
                            : DiagnosticsBuilder.shorten(PlanDocument.display(o.getValue())).replace("`", "'")).append("`\n"));
        }
        return sb.toString().stripTrailing();
    }
}
