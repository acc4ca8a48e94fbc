package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One external provider as {@code creact.config.*} declares it:
 * {@code "providers": {"acme": {"command": ["node", "acme-provider.js"], "env": {…}, "timeoutSeconds": 60, …}}}.
 * The keys below are creact's; every other key is a setting of the provider itself, checked against what
 * its {@code describe} declares and handed to it with {@code configure}.
 *
 * @param name        the provider's name (the key under {@code providers})
 * @param command     the program and its arguments, run in the project folder
 * @param env         variables added to creact's environment for the program
 * @param callTimeout the longest one call may take (the deployer's own deadline may be shorter)
 * @param projectRoot the project folder
 * @param settings    the provider's own settings
 */
record ExternalProviderSpec(String name, List<String> command, Map<String, String> env, Duration callTimeout,
                            Path projectRoot, ObjectNode settings) {
    static final String COMMAND = "command";
    static final String ENV = "env";
    static final String TIMEOUT = "timeoutSeconds";

    /** creact's own keys of an external provider's entry, with what each means (for {@code creact info}). */
    static final Map<String, String> OWN_KEYS = Map.of(
            COMMAND, "the program that serves the provider and its arguments, run in the project folder (JSON-RPC on stdio)",
            ENV, "environment variables added for the program (an object of strings)",
            TIMEOUT, "the longest one call to the program may take, in seconds (default 300)");

    ExternalProviderSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        settings = settings.deepCopy();
    }

    /** The label the provider goes by in messages: {@code acme (node acme-provider.js)}. */
    String label() {
        return name + " (" + String.join(" ", command) + ")";
    }

    /**
     * Reads {@code providers.<name>}.
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    static ExternalProviderSpec parse(Path projectRoot, String name, ObjectNode entry) {
        String where = "creact.config: providers." + name;
        JsonNode cmd = entry.path(COMMAND);
        var command = new ArrayList<String>();
        if (cmd.isTextual() && !cmd.asText().isBlank()) {
            command.add(cmd.asText());
        } else if (cmd.isArray() && !cmd.isEmpty()) {
            for (JsonNode part : cmd) {
                if (!part.isTextual() || part.asText().isEmpty()) {
                    throw new IllegalArgumentException(where + ".command must be a list of non-empty strings, "
                            + "such as [\"node\", \"acme-provider.js\"]");
                }
                command.add(part.asText());
            }
        } else {
            throw new IllegalArgumentException(where + ".command must be a program and its arguments, "
                    + "such as [\"node\", \"acme-provider.js\"]");
        }
        var env = new LinkedHashMap<String, String>();
        JsonNode envNode = entry.path(ENV);
        if (!envNode.isMissingNode()) {
            if (!envNode.isObject()) {
                throw new IllegalArgumentException(where + ".env must be an object of strings");
            }
            envNode.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException(where + ".env." + e.getKey() + " must be a string");
                }
                env.put(e.getKey(), e.getValue().asText());
            });
        }
        Duration timeout = Duration.ofSeconds(300);
        JsonNode t = entry.path(TIMEOUT);
        if (!t.isMissingNode()) {
            if (!t.isNumber() || t.asDouble() <= 0) {
                throw new IllegalArgumentException(where + "." + TIMEOUT + " must be a positive number of seconds");
            }
            timeout = Duration.ofMillis(Math.round(t.asDouble() * 1000));
        }
        ObjectNode settings = entry.deepCopy();
        settings.remove(OWN_KEYS.keySet());
        return new ExternalProviderSpec(name, command, env, timeout, projectRoot, settings);
    }
}
