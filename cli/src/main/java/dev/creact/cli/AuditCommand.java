package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.AuditTrail;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code creact audit …}: a stack's tamper-evident record of every action. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Read and verify a stack's audit log: every deploy, resume, rollback, destroy, dev-mode cycle, "
                + "forced unlock and secret access, one JSON entry a line, each chained to the one before "
                + "(HMAC-SHA256 with CREACT_AUDIT_KEY, else SHA-256)."},
        subcommands = {AuditCommand.ListEntries.class, AuditCommand.Show.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Instant instant(String text, boolean endOfDay) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException notInstant) {
            try {
                var day = LocalDate.parse(text);
                return endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                        : day.atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (RuntimeException notDate) {
                throw new CreactException("invalid-time", "'" + text + "' is not a time",
                        "give a date (2026-12-01) or an instant (2026-12-01T10:00:00Z)");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List entries, newest first; with --json, one JSON entry a line (JSONL).")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Option(names = "--user", paramLabel = "USER", description = "Only this user's entries.")
        String user;

        @Option(names = "--action", paramLabel = "ACTION",
                description = "Only this action (deploy-started), or a family of them (deploy, secret).")
        String action;

        @Option(names = "--since", paramLabel = "TIME", description = "From this date or instant on.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Up to this date or instant.")
        String until;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "At most N entries (0: all).")
        int limit;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var entries = session.stack.audit().list(new AuditTrail.Filter(user, action, instant(since, false),
                        instant(until, true), limit));
                if (options.json) {
                    entries.forEach(e -> term.data.println(Json.write(e)));
                } else if (entries.isEmpty()) {
                    term.human.println("no audit entries for stack '" + options.stack + "'");
                } else {
                    entries.forEach(e -> term.human.println(line(term, e)));
                }
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }

        private static String line(Terminal term, ObjectNode e) {
            String status = e.path("status").asText();
            String what = e.has("key") ? " " + e.path("key").asText()
                    : e.has("secrets") ? " " + String.join(",", iterable(e.path("secrets")))
                    : "";
            var s = e.path("summary");
            String counts = s.isObject() ? "  +" + s.path("created").asInt() + " ~" + s.path("updated").asInt()
                    + " -" + s.path("deleted").asInt() + (s.path("failed").asInt() > 0 ? " ✗" + s.path("failed").asInt() : "") : "";
            return term.dim(e.path("timestamp").asText()) + "  " + e.path("id").asText().substring(0, 8) + "  "
                    + e.path("user").asText() + "@" + e.path("host").asText() + "  " + e.path("action").asText() + what
                    + "  " + status + counts + (e.has("error") ? "  " + term.red(e.path("error").asText()) : "");
        }

        private static List<String> iterable(com.fasterxml.jackson.databind.JsonNode o) {
            var names = new java.util.ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one entry (by its id or the id's start).")
    static final class Show implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var entry = session.stack.audit().show(id).orElseThrow(() -> new CreactException("unknown-audit-entry",
                        "no audit entry '" + id + "' in stack '" + options.stack + "'", "`creact audit list` shows the ids"));
                term.data.println(Json.writePretty(entry));
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the chain from the first line: exit 0 when it holds, 1 naming the first bad line and why.",
                    "With CREACT_AUDIT_KEY (or the configuration's audit.keyEnv) each HMAC is checked too."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        GlobalOptions options;

        @Override
        public Integer call() {
            var term = new Terminal(options);
            try (var session = Session.open(options)) {
                var v = session.stack.audit().verify();
                if (options.json) {
                    var doc = SecretsCommand.doc(options);
                    doc.put("ok", v.ok());
                    doc.put("entries", v.entries());
                    doc.put("signaturesChecked", v.signaturesChecked());
                    doc.put("unsigned", v.unsigned());
                    if (!v.ok()) {
                        doc.put("badLine", v.badLine());
                        doc.put("problem", v.problem());
                    }
                    term.data.println(Json.writePretty(doc));
                }
                if (!v.ok()) {
                    term.human.println(term.red("✗") + " audit log of stack '" + options.stack + "' is broken: " + v.problem());
                    return Main.EXIT_ERROR;
                }
                String how = v.signaturesChecked() ? "signatures checked"
                        : v.unsigned() == v.entries() ? "unsigned: chained with SHA-256 only; set CREACT_AUDIT_KEY to sign new entries"
                        : "signatures not checked: set CREACT_AUDIT_KEY to check them";
                term.human.println(term.green("✓") + " audit chain of stack '" + options.stack + "' holds: " + v.entries()
                        + " entries (" + how + ")");
                return Main.EXIT_OK;
            } catch (CreactException e) {
                return JsonFailure.report(term, options, List.of(e.problem()));
            }
        }
    }
}
