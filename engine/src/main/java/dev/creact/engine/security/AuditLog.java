package dev.creact.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.Json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A stack's audit log: JSONL through the backend (the file backend: {@code .creact/stacks/<stack>/audit.jsonl}),
 * append-only, one entry a line. Each entry holds the previous entry's hash and its own, computed over the
 * entry's canonical JSON (sorted keys, without {@code hash}) which includes that previous hash: an
 * HMAC-SHA256 under {@code CREACT_AUDIT_KEY} when there is a key, a SHA-256 otherwise. So an edited,
 * deleted, reordered or inserted line breaks the chain at that line; with a key, nobody without it can
 * rebuild the chain after an edit. Appends happen in the backend's exclusive section {@code audit}, so
 * two commands logging at once still give one chain.
 */
public final class AuditLog {
    public static final String LOG = "audit";
    public static final String KEY_ENV = "CREACT_AUDIT_KEY";
    static final String GENESIS = "0".repeat(64);
    static final String HMAC = "hmac-sha256";
    static final String SHA = "sha256";

    private final StateBackend backend;
    private final String stack;
    private final byte[] key;

    /** {@code key} null: entries are chained with SHA-256 and {@code verify} says they are unsigned. */
    public AuditLog(StateBackend backend, String stack, String key) {
        this.backend = backend;
        this.stack = stack;
        this.key = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    /** The key from {@code envName} (the configuration's {@code audit.keyEnv}, else {@code CREACT_AUDIT_KEY}), or null. */
    public static String keyFromEnvironment(String envName) {
        String name = envName == null || envName.isBlank() ? KEY_ENV : envName;
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            v = System.getProperty("creact.auditKey");
        }
        return v == null || v.isEmpty() ? null : v;
    }

    public boolean signed() {
        return key != null;
    }

    /**
     * Appends an entry: {@code fields} (action, user, status, summary, …) with the id, timestamp, stack and
     * chain added. Returns the entry as written.
     */
    public ObjectNode append(ObjectNode fields) {
        return backend.exclusive(stack, LOG, () -> {
            // Only the last entry is read: the chain needs its hash, and the log only grows.
            String previous = backend.lastLogLine(stack, LOG)
                    .flatMap(AuditLog::parse).map(e -> e.path("hash").asText(GENESIS)).orElse(GENESIS);
            ObjectNode entry = fields.deepCopy();
            entry.put("id", UUID.randomUUID().toString());
            entry.put("timestamp", Instant.now().toString());
            entry.put("stack", stack);
            entry.put("prevHash", previous);
            entry.put("alg", key != null ? HMAC : SHA);
            entry.remove("hash");
            entry.put("hash", hash(entry, key));
            backend.appendLog(stack, LOG, Json.write(entry));
            return entry;
        });
    }

    /** Every entry, oldest first (lines that are not JSON are left out; {@code verify} names them). */
    public List<ObjectNode> entries() {
        var out = new ArrayList<ObjectNode>();
        for (String line : backend.readLog(stack, LOG)) {
            parse(line).ifPresent(out::add);
        }
        return out;
    }

    /** What {@code verify} found: the entries checked, whether they were signed, and the first bad line (1-based) and why. */
    public record Verification(int entries, boolean signatures, int unsigned, int badLine, String problem) {
        public boolean ok() {
            return badLine == 0;
        }
    }

    /** Walks the chain from the first line. */
    public Verification verify() {
        var lines = backend.readLog(stack, LOG);
        String previous = GENESIS;
        boolean seenSigned = false;
        int unsigned = 0;
        var ids = new java.util.HashSet<String>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            var parsed = parse(lines.get(i));
            if (parsed.isEmpty()) {
                return new Verification(i, key != null, unsigned, lineNo, "line " + lineNo + " is not a JSON entry");
            }
            ObjectNode e = parsed.get();
            if (!previous.equals(e.path("prevHash").asText())) {
                return new Verification(i, key != null, unsigned, lineNo, "line " + lineNo + " does not follow line " + i
                        + (i == 0 ? " (the first entry must start the chain)" : "")
                        + ": its previous hash is not that line's hash (a line was deleted, inserted or moved here)");
            }
            String alg = e.path("alg").asText();
            String claimed = e.path("hash").asText();
            if (HMAC.equals(alg)) {
                seenSigned = true;
                if (key != null && !Digests.same(claimed, hash(e, key))) {
                    return new Verification(i, true, unsigned, lineNo, "line " + lineNo + " was changed: its HMAC does not match "
                            + "(or " + KEY_ENV + " is not the key that signed it)");
                }
            } else if (SHA.equals(alg)) {
                unsigned++;
                if (seenSigned && key != null) {
                    return new Verification(i, true, unsigned, lineNo, "line " + lineNo + " is unsigned in a signed chain");
                }
                if (!Digests.same(claimed, hash(e, null))) {
                    return new Verification(i, key != null, unsigned, lineNo, "line " + lineNo + " was changed: its hash does not match");
                }
            } else {
                return new Verification(i, key != null, unsigned, lineNo, "line " + lineNo + " has no known hash algorithm");
            }
            if (!ids.add(e.path("id").asText())) {
                return new Verification(i, key != null, unsigned, lineNo, "line " + lineNo + " repeats entry " + e.path("id").asText());
            }
            previous = claimed;
        }
        return new Verification(lines.size(), key != null, unsigned, 0, null);
    }

    private static String hash(ObjectNode entry, byte[] key) {
        ObjectNode body = entry.deepCopy();
        body.remove("hash");
        String canonical = Json.write(body);
        return key != null ? Digests.hmacSha256Hex(key, canonical) : Digests.sha256Hex(canonical);
    }

    private static Optional<ObjectNode> parse(String line) {
        try {
            JsonNode n = Json.mapper().readTree(line);
            return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
