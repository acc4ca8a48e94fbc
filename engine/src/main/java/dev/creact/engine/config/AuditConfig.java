package dev.creact.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;

/**
 * Who the audit log names and where its key comes from: {@code "user"} (used when {@code CREACT_USER} is
 * not set; the OS user otherwise) and {@code "audit": {"keyEnv": "NAME"}} (the environment variable holding
 * the HMAC key; default {@code CREACT_AUDIT_KEY}). The key itself is never in the configuration.
 */
public record AuditConfig(String user, String keyEnv) {
    public static final AuditConfig DEFAULT = new AuditConfig(null, null);

    static AuditConfig fromJson(Path source, JsonNode user, JsonNode audit) {
        if (!user.isMissingNode() && !user.isNull() && !user.isTextual()) {
            throw new IllegalArgumentException(source + ": \"user\" must be a string");
        }
        String keyEnv = null;
        if (!audit.isMissingNode() && !audit.isNull()) {
            if (!audit.isObject()) {
                throw new IllegalArgumentException(source + ": \"audit\" must be an object such as {\"keyEnv\": \"CREACT_AUDIT_KEY\"}");
            }
            audit.fieldNames().forEachRemaining(f -> {
                if (!f.equals("keyEnv")) {
                    throw new IllegalArgumentException(source + ": unknown audit setting '" + f + "'; the one setting is keyEnv");
                }
            });
            JsonNode env = audit.path("keyEnv");
            if (!env.isMissingNode() && !(env.isTextual() && env.asText().matches("[A-Za-z_][A-Za-z0-9_]*"))) {
                throw new IllegalArgumentException(source + ": \"audit.keyEnv\" must name an environment variable, such as "
                        + "\"CREACT_AUDIT_KEY\" (the key itself never goes in the configuration)");
            }
            keyEnv = env.isTextual() ? env.asText() : null;
        }
        return new AuditConfig(user.isTextual() ? user.asText() : null, keyEnv);
    }
}
