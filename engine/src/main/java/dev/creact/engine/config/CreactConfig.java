package dev.creact.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.deploy.DeployOptions;
import dev.creact.engine.deploy.RetryPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code creact.config.json} (or the default export of {@code creact.config.js}):
 * <pre>{
 *   "backend": {"type": "file"},
 *   "parallelism": 10,
 *   "retry": { "maxRetries": 3, "delayMs": 200, "maxDelayMs": 10000,
 *              "providers": { "mock": { "maxRetries": 5 } } },
 *   "providers": { "mock": { "ledger": ".creact/mock-ledger.jsonl" } },
 *   "maxCycles": 10,
 *   "extensions": [],
 *   "defaultStack": "dev",
 *   "sync": { "enabled": true, "host": "127.0.0.1", "port": 4790, "allowedOrigins": [] }
 * }</pre>
 * Every field is optional; command-line options override it.
 *
 * @param source       the file it came from (null for the defaults)
 * @param backend      state backend type ({@code "backend": "file"} or {@code {"type": "file", …}})
 * @param backendSettings the backend object as written (null when the configuration names only a type)
 * @param deploy       parallelism and retries
 * @param providers    per-provider settings, as written
 * @param maxCycles    cap on convergence cycles of one deploy
 * @param extensions   extension names, as written
 * @param defaultStack the stack commands use when none is named (exists without {@code creact stack init})
 * @param sync         state sync settings ({@link SyncConfig})
 * @param audit        the audit log's user and key variable ({@link AuditConfig})
 */
public record CreactConfig(Path source, String backend, JsonNode backendSettings, DeployOptions deploy,
                           Map<String, JsonNode> providers, int maxCycles, List<String> extensions, String defaultStack,
                           SyncConfig sync, AuditConfig audit) {

    public static final String DEFAULT_STACK = "dev";

    public CreactConfig(Path source, String backend, JsonNode backendSettings, DeployOptions deploy,
                        Map<String, JsonNode> providers, int maxCycles, List<String> extensions, String defaultStack,
                        SyncConfig sync) {
        this(source, backend, backendSettings, deploy, providers, maxCycles, extensions, defaultStack, sync, null);
    }

    public CreactConfig {
        sync = sync == null ? SyncConfig.DEFAULT : sync;
        audit = audit == null ? AuditConfig.DEFAULT : audit;
        defaultStack = defaultStack == null ? DEFAULT_STACK : defaultStack;
    }

    public static CreactConfig defaults() {
        return new CreactConfig(null, "file", null, DeployOptions.DEFAULT, Map.of(), 10, List.of(), DEFAULT_STACK,
                SyncConfig.DEFAULT);
    }

    /** Reads the settings from a parsed config document; unknown fields are errors (typos should not pass). */
    public static CreactConfig fromJson(Path source, JsonNode json) {
        var allowed = java.util.Set.of("backend", "parallelism", "retry", "providers", "maxCycles", "extensions",
                "defaultStack", "sync", "user", "audit", "$schema");
        json.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(source + ": unknown setting '" + f + "'"
                        + dev.creact.engine.model.Suggestions.didYouMean(f, allowed) + "; settings are "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        });
        JsonNode backendJson = json.path("backend");
        String backend;
        JsonNode backendSettings = null;
        if (backendJson.isMissingNode() || backendJson.isNull()) {
            backend = "file";
        } else if (backendJson.isTextual()) {
            backend = backendJson.asText();
        } else if (backendJson.isObject() && backendJson.path("type").isTextual()) {
            backend = backendJson.path("type").asText();
            backendSettings = backendJson;
        } else {
            throw new IllegalArgumentException(source + ": \"backend\" must be a type name (\"file\") or an object "
                    + "with a \"type\" ({\"type\": \"file\"})");
        }
        int parallelism = json.path("parallelism").asInt(10);
        var retryJson = json.path("retry");
        RetryPolicy retry = retry(retryJson, RetryPolicy.DEFAULT);
        var perProvider = new LinkedHashMap<String, RetryPolicy>();
        retryJson.path("providers").properties().forEach(e -> perProvider.put(e.getKey(), retry(e.getValue(), retry)));
        var providers = new LinkedHashMap<String, JsonNode>();
        json.path("providers").properties().forEach(e -> providers.put(e.getKey(), e.getValue()));
        var extensions = new java.util.ArrayList<String>();
        json.path("extensions").forEach(e -> extensions.add(e.asText()));
        return new CreactConfig(source, backend, backendSettings, new DeployOptions(parallelism, retry, perProvider),
                providers, json.path("maxCycles").asInt(10), extensions, json.path("defaultStack").asText(DEFAULT_STACK),
                SyncConfig.fromJson(source, json.path("sync")), AuditConfig.fromJson(source, json.path("user"), json.path("audit")));
    }

    private static RetryPolicy retry(JsonNode json, RetryPolicy base) {
        return new RetryPolicy(json.path("maxRetries").asInt(base.maxRetries()),
                Duration.ofMillis(json.path("delayMs").asLong(base.delay().toMillis())),
                Duration.ofMillis(json.path("maxDelayMs").asLong(base.maxDelay().toMillis())));
    }

    public CreactConfig withDeploy(DeployOptions options) {
        return new CreactConfig(source, backend, backendSettings, options, providers, maxCycles, extensions, defaultStack,
                sync, audit);
    }
}
