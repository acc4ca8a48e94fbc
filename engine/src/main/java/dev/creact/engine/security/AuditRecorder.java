package dev.creact.engine.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.LockInfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one command's deploy events into audit entries: {@code <command>-started} when it begins,
 * {@code secret-resolve} with the names (never values) the deployer read and for which resources,
 * {@code <command>-completed} or {@code <command>-failed} with the outcome, counts and ids of what changed
 * and the first error, {@code force-unlock} naming the lock removed, and {@code lock-taken-over} naming the
 * previous holder when the command took over an expired lock. Listens on the stack's event
 * stream, so nothing the engine does bypasses it.
 */
public final class AuditRecorder implements DeployEvent.Listener {
    private static final int MAX_IDS = 50;
    private final AuditLog log;
    private final String user;
    private final String host;
    private final Map<String, Set<String>> resolved = new ConcurrentHashMap<>();
    private volatile LockInfo forced;

    public AuditRecorder(AuditLog log, String user, String host) {
        this.log = log;
        this.user = user;
        this.host = host;
    }

    /** {@code CREACT_USER}, else the configuration's {@code user}, else the OS user. */
    public static String user(String configured) {
        String env = System.getenv("CREACT_USER");
        if (env != null && !env.isBlank()) {
            return env;
        }
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return System.getProperty("user.name", "unknown");
    }

    @Override
    public void on(DeployEvent event) {
        switch (event) {
            case DeployEvent.CommandStarted s -> {
                if (s.command() != DeployEvent.Command.FORCE_UNLOCK) {
                    var e = base(s.command().word() + "-started", "started");
                    e.put("command", s.commandLine());
                    log.append(e);
                }
            }
            case DeployEvent.SecretResolved r -> resolved.computeIfAbsent(r.name(), k -> ConcurrentHashMap.newKeySet()).add(r.id());
            case DeployEvent.LockForced f -> forced = f.lock();
            case DeployEvent.LockTakenOver t -> takenOver(t);
            case DeployEvent.CommandFinished f -> finished(f);
            default -> { }
        }
    }

    private void finished(DeployEvent.CommandFinished f) {
        if (!resolved.isEmpty()) {
            var e = base("secret-resolve", "ok");
            var keys = e.putObject("secrets");
            new TreeSet<>(resolved.keySet()).forEach(k -> {
                var ids = keys.putArray(k);
                new TreeSet<>(resolved.get(k)).stream().limit(MAX_IDS).forEach(ids::add);
            });
            e.put("command", f.commandLine());
            log.append(e);
            resolved.clear();
        }
        DeployReport report = f.report();
        boolean ok = report.outcome() == DeployReport.Outcome.DEPLOYED || report.outcome() == DeployReport.Outcome.NO_CHANGES
                || report.outcome() == DeployReport.Outcome.ROLLED_BACK;
        String action = f.command() == DeployEvent.Command.FORCE_UNLOCK ? "force-unlock"
                : f.command().word() + (ok ? "-completed" : "-failed");
        var e = base(action, report.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        e.put("command", f.commandLine());
        e.put("millis", f.millis());
        var summary = e.putObject("summary");
        summary.put("created", report.created().size());
        summary.put("updated", report.updated().size());
        summary.put("deleted", report.deleted().size());
        summary.put("failed", report.failed().size());
        ids(summary, "createdIds", report.created());
        ids(summary, "updatedIds", report.updated());
        ids(summary, "deletedIds", report.deleted());
        ids(summary, "failedIds", report.failed().stream().map(x -> x.id()).toList());
        String error = !report.failed().isEmpty() ? report.failed().getFirst().id() + ": " + report.failed().getFirst().reason()
                : !ok && !report.problems().isEmpty() ? report.problems().getFirst().message() : null;
        if (error != null) {
            e.put("error", error);
        }
        if (forced != null && f.command() == DeployEvent.Command.FORCE_UNLOCK) {
            var lock = e.putObject("lock");
            lock.put("id", forced.lockId());
            lock.set("holder", Json.tree(forced));
        }
        log.append(e);
    }

    /** {@code lock-taken-over}: the expired lock replaced, with its holder, so a dead holder's command is on record. */
    private void takenOver(DeployEvent.LockTakenOver t) {
        var e = base("lock-taken-over", "ok");
        var previous = t.previous();
        e.put("previousHolder", previous.user() + "@" + previous.host() + " (pid " + previous.pid() + ", " + previous.command() + ")");
        var lock = e.putObject("lock");
        lock.put("id", t.lock().lockId());
        lock.put("previousId", previous.lockId());
        lock.set("previous", Json.tree(previous));
        log.append(e);
    }

    private static void ids(ObjectNode summary, String field, List<String> ids) {
        if (!ids.isEmpty()) {
            var a = summary.putArray(field);
            ids.stream().limit(MAX_IDS).forEach(a::add);
        }
    }

    private ObjectNode base(String action, String status) {
        var e = Json.mapper().createObjectNode();
        e.put("action", action);
        e.put("status", status);
        e.put("user", user);
        e.put("host", host);
        return e;
    }
}
