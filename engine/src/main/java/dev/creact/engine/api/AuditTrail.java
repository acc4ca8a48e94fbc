package dev.creact.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.security.AuditLog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stack's audit log ({@code creact audit …}): every stack-changing command, forced unlock and secret
 * access, chained so that an edited, deleted, reordered or inserted line is found by {@link #verify}.
 */
public final class AuditTrail {
    private final Stack stack;

    AuditTrail(Stack stack) {
        this.stack = stack;
    }

    /** Which entries {@link #list} gives: each field null (or limit 0) for no condition. */
    public record Filter(String user, String action, Instant since, Instant until, int limit) {
        public static final Filter ALL = new Filter(null, null, null, null, 0);
    }

    /** What {@link #verify} found; {@code badLine} is 1-based, 0 when the chain holds. */
    public record Verification(int entries, boolean signaturesChecked, int unsigned, int badLine, String problem) {
        public boolean ok() {
            return badLine == 0;
        }
    }

    AuditLog log(CreactConfig config) {
        return new AuditLog(stack.project().container().backend(), stack.name(),
                AuditLog.keyFromEnvironment(config.audit().keyEnv()));
    }

    /** Entries newest first, filtered ({@code action} matches the whole action or its start: "deploy" finds deploy-started). */
    public List<ObjectNode> list(Filter filter) {
        var all = log(stack.project().config()).entries();
        var out = new ArrayList<ObjectNode>();
        for (int i = all.size() - 1; i >= 0; i--) {
            ObjectNode e = all.get(i);
            if (filter.user() != null && !filter.user().equals(e.path("user").asText())) {
                continue;
            }
            String action = e.path("action").asText();
            if (filter.action() != null && !(action.equals(filter.action()) || action.startsWith(filter.action() + "-"))) {
                continue;
            }
            Instant at = at(e);
            if (filter.since() != null && (at == null || at.isBefore(filter.since()))) {
                continue;
            }
            if (filter.until() != null && (at == null || at.isAfter(filter.until()))) {
                continue;
            }
            out.add(e);
            if (filter.limit() > 0 && out.size() >= filter.limit()) {
                break;
            }
        }
        return out;
    }

    /** The entry with this id (or the one whose id starts with it, when only one does). */
    public Optional<ObjectNode> show(String id) {
        var matches = log(stack.project().config()).entries().stream()
                .filter(e -> e.path("id").asText().startsWith(id)).toList();
        if (matches.size() > 1 && matches.stream().noneMatch(e -> e.path("id").asText().equals(id))) {
            throw new CreactException("ambiguous-id", matches.size() + " audit entries start with '" + id + "'",
                    "give more of the id (`creact audit list` shows them)");
        }
        return matches.stream().filter(e -> e.path("id").asText().equals(id)).findFirst()
                .or(() -> matches.stream().findFirst());
    }

    /** Walks the chain from the first line; with {@code CREACT_AUDIT_KEY}, checks each HMAC too. */
    public Verification verify() {
        var v = log(stack.project().config()).verify();
        return new Verification(v.entries(), v.signatures(), v.unsigned(), v.badLine(), v.problem());
    }

    private static Instant at(ObjectNode e) {
        try {
            return Instant.parse(e.path("timestamp").asText());
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
