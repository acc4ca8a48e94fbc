package dev.creact.server;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.SourceSpan;
import dev.creact.engine.model.PlanDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Diagnostics (source {@code creact}) of one stack, by file: every problem where it happened (or on line 0
 * of the entry when it has no place), one information diagnostic per planned change at the element that
 * declares the resource ({@code + create}, {@code ~ update}, {@code -/+ replace}; deletes on line 0 of the
 * entry as {@code - delete <id>}), and a note when the plan shown is stale.
 */
public final class DiagnosticsBuilder {
    public static final String SOURCE = "creact";

    private DiagnosticsBuilder() {
    }

    /** @param texts the current text of a file (open document or disk), for ranges; may answer null */
    public static Map<Path, List<Diagnostic>> build(Evaluation e, Function<Path, String> texts) {
        var out = new LinkedHashMap<Path, List<Diagnostic>>();
        out.put(e.entry(), new ArrayList<>());
        for (Problem p : e.problems()) {
            add(out, e, texts, p);
        }
        for (Problem p : e.deployProblems()) {
            add(out, e, texts, p);
        }
        if (e.plan() != null) {
            String staleNote = e.stale() ? "\n(stale: the last good plan; the files have errors now)" : "";
            for (Change c : e.plan().changeSet().all()) {
                boolean atElement = c.action() != Action.DELETE && c.source() != null;
                Path file = atElement ? e.resolve(c.source().file()) : e.entry();
                Position start = atElement ? Positions.toLsp(c.source()) : new Position(0, 0);
                var d = new Diagnostic(Positions.toEndOfLine(texts.apply(file), start), message(c) + staleNote,
                        DiagnosticSeverity.Information, SOURCE, "plan-" + c.action().word());
                out.computeIfAbsent(file, f -> new ArrayList<>()).add(d);
            }
            if (e.stale()) {
                out.get(e.entry()).add(new Diagnostic(Positions.wholeLine(texts.apply(e.entry()), 0),
                        "plan is stale: showing the last good plan until the errors are fixed",
                        DiagnosticSeverity.Information, SOURCE, "plan-stale"));
            }
        }
        return out;
    }

    /**
     * {@code + create site.root (local:Directory)}, {@code ~ update site.index: content (safe)},
     * {@code ~ update site.index: path (unsafe: path is not declared safe by local:File)}, ... Only updates
     * say whether they are safe: creates, replacements and deletes never are.
     */
    public static String message(Change c) {
        return switch (c.action()) {
            case CREATE -> "+ create " + c.id() + " (" + c.type() + ")";
            case UPDATE -> "~ update " + c.id() + ": " + String.join(", ", c.changedPaths()) + safety(c) + details(c);
            case REPLACE -> "-/+ replace " + c.id() + ": " + (c.replaceReasons().isEmpty()
                    ? String.join(", ", c.changedPaths()) : String.join("; ", c.replaceReasons())) + details(c);
            case DELETE -> "- delete " + c.id() + " (" + c.type() + ")";
        };
    }

    /** {@code  (safe)}, {@code  (unsafe: <reason>)}, or nothing for an unclassified change. */
    static String safety(Change c) {
        if (c.safety() == null) {
            return "";
        }
        return c.isSafe() ? " (safe)" : " (unsafe: " + c.safety().reason() + ")";
    }

    private static String details(Change c) {
        var sb = new StringBuilder();
        for (var p : c.changedProps()) {
            if (dev.creact.engine.model.SecretRef.isVersionPath(p.path())) {
                sb.append("\n  ").append(dev.creact.engine.model.SecretRef.propOf(p.path())).append(": (secret changed)");
                continue;
            }
            sb.append("\n  ").append(p.path()).append(": ").append(shorten(PlanDocument.display(p.before())))
                    .append(" → ").append(shorten(PlanDocument.display(p.after())));
        }
        return sb.toString();
    }

    static String shorten(String s) {
        String one = s.replace("\n", "\\n");
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private static void add(Map<Path, List<Diagnostic>> out, Evaluation e, Function<Path, String> texts, Problem p) {
        Path file = p.source() == null ? e.entry() : e.resolve(p.source().file());
        Position start = p.source() == null ? new Position(0, 0) : Positions.toLsp(p.source());
        var sb = new StringBuilder();
        if (p.resourceId() != null && !p.message().contains(p.resourceId())) {
            sb.append("resource '").append(p.resourceId()).append("': ");
        }
        sb.append(p.message());
        if (p.hint() != null && !p.hint().isBlank()) {
            sb.append("\nhint: ").append(p.hint());
        }
        var d = new Diagnostic(Positions.toEndOfLine(texts.apply(file), start), sb.toString(),
                p.severity() == Problem.Severity.WARNING ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
                SOURCE, p.code());
        if (!p.related().isEmpty()) {
            var related = new ArrayList<DiagnosticRelatedInformation>();
            for (SourceSpan r : p.related()) {
                Path rf = e.resolve(r.file());
                related.add(new DiagnosticRelatedInformation(new Location(DocumentStore.uri(rf),
                        Positions.toEndOfLine(texts.apply(rf), Positions.toLsp(r))), "see also " + r));
            }
            d.setRelatedInformation(related);
        }
        out.computeIfAbsent(file, f -> new ArrayList<>()).add(d);
    }
}
