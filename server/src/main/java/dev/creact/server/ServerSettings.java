package dev.creact.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The server's settings, from {@code initializationOptions} and {@code workspace/didChangeConfiguration}
 * (either flat or under a {@code creact} section): the stack, the entry file (relative to the workspace
 * folder), an optional config file whose folder is the project root, the evaluation time limit, and whether
 * to serve the stacks' state live (state sync, {@code "sync": true}).
 */
public record ServerSettings(String stack, String entry, String configPath, long evalTimeoutMs, boolean sync) {
    public static final ServerSettings DEFAULTS = new ServerSettings("dev", "infrastructure.tsx", null, 5000, false);

    /** These settings with the fields present in {@code json} replaced. */
    public ServerSettings merge(Object json) {
        if (!(json instanceof JsonElement element) || !element.isJsonObject()) {
            return this;
        }
        JsonObject o = element.getAsJsonObject();
        if (o.has("creact") && o.get("creact").isJsonObject()) {
            o = o.getAsJsonObject("creact");
        }
        return new ServerSettings(string(o, "stack", stack), string(o, "entry", entry),
                string(o, "configPath", configPath),
                o.has("evalTimeoutMs") && o.get("evalTimeoutMs").isJsonPrimitive()
                        ? o.get("evalTimeoutMs").getAsLong() : evalTimeoutMs,
                o.has("sync") && o.get("sync").isJsonPrimitive() && o.get("sync").getAsJsonPrimitive().isBoolean()
                        ? o.get("sync").getAsBoolean() : sync);
    }

    /**
     * Whether {@code initializationOptions} ask for dev mode from the start ({@code "devMode": true}, flat or under
     * {@code creact}); an editor setting, not a setting of the running server ({@code creact.dev} switches it).
     */
    public static boolean devModeRequested(Object json) {
        if (!(json instanceof JsonElement element) || !element.isJsonObject()) {
            return false;
        }
        JsonObject o = element.getAsJsonObject();
        if (o.has("creact") && o.get("creact").isJsonObject()) {
            o = o.getAsJsonObject("creact");
        }
        var v = o.get("devMode");
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && v.getAsBoolean();
    }

    private static String string(JsonObject o, String name, String fallback) {
        var v = o.get(name);
        return v != null && v.isJsonPrimitive() && !v.getAsString().isBlank() ? v.getAsString() : fallback;
    }
}
