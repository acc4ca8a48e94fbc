package dev.creact.engine.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code sync} section of {@code creact.config.json}: state sync (live state for dashboards and apps).
 * <pre>"sync": { "enabled": true, "host": "127.0.0.1", "port": 4790,
 *           "allowedOrigins": ["http://localhost:*", "https://dash.example.com"] }</pre>
 *
 * @param enabled        false turns state sync off
 * @param host           the address to listen on (only this machine by default)
 * @param port           the port (0: any free one)
 * @param allowedOrigins web pages (origins) that may connect; empty means pages on this machine
 */
public record SyncConfig(boolean enabled, String host, int port, List<String> allowedOrigins) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 4790;
    public static final SyncConfig DEFAULT = new SyncConfig(true, DEFAULT_HOST, DEFAULT_PORT, List.of());

    public SyncConfig {
        allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
    }

    static SyncConfig fromJson(Path source, JsonNode json) {
        if (json.isMissingNode() || json.isNull()) {
            return DEFAULT;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException(source + ": \"sync\" must be an object such as { \"port\": 4790 }");
        }
        var allowed = Set.of("enabled", "host", "port", "allowedOrigins");
        json.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(source + ": unknown setting 'sync." + f + "'"
                        + dev.creact.engine.model.Suggestions.didYouMean(f, allowed) + "; sync settings are "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
        int port = json.path("port").asInt(DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(source + ": sync.port must be between 0 and 65535 (0: any free port), not " + port);
        }
        var origins = new ArrayList<String>();
        var list = json.path("allowedOrigins");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException(source + ": sync.allowedOrigins must be a list of origins such as "
                    + "[\"http://localhost:*\"]");
        }
        list.forEach(o -> origins.add(o.asText()));
        return new SyncConfig(json.path("enabled").asBoolean(true), json.path("host").asText(DEFAULT_HOST), port, origins);
    }
}
