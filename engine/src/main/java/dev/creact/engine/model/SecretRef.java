package dev.creact.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A reference to a stack secret in props: {@code {"$secret": "API_KEY"}} as written ({@code secret("API_KEY")}
 * in a component), with {@code "$version"} added by the build (the secret's current version, a random id
 * that changes with its value, so a changed value plans as {@code ~ update (secret changed)}). Props, the
 * CloudDOM, plans, state, journal and the deployment record hold this reference; the value exists only in
 * the encrypted store and in the provider call.
 */
public final class SecretRef {
    public static final String FIELD = "$secret";
    public static final String VERSION = "$version";
    /** What replaces a secret's value wherever it would otherwise be shown. */
    public static final String MASK = "(secret)";
    /**
     * The prefix of the store names under which the deployer seals sensitive outputs; their references come
     * from the state (stamped with a version when sealed), not from code.
     */
    public static final String OUTPUT_PREFIX = "OUTPUT_";

    private SecretRef() {
    }

    /** Whether {@code value} is a reference: an object with a textual {@code $secret} and at most a {@code $version}. */
    public static boolean is(JsonNode value) {
        if (value == null || !value.isObject() || !value.path(FIELD).isTextual()) {
            return false;
        }
        int n = value.size();
        return n == 1 || (n == 2 && value.has(VERSION));
    }

    /** The secret's name. */
    public static String name(JsonNode reference) {
        return reference.path(FIELD).asText();
    }

    /** How people see a reference: {@code secret("API_KEY")}, or {@code (sensitive)} for a sealed output. */
    public static String display(JsonNode reference) {
        if (name(reference).startsWith(OUTPUT_PREFIX)) {
            return SensitiveOutputs.MASK; // a provider's sensitive output: its store name means nothing in code
        }
        return "secret(\"" + name(reference) + "\")";
    }

    /** The prop of a version path: {@code apiKey} for {@code apiKey.$version}. */
    public static String propOf(String versionPath) {
        return versionPath.substring(0, versionPath.length() - VERSION.length() - 1);
    }

    /** Whether a prop path ends in a reference's version: the change a new value of the same secret makes. */
    public static boolean isVersionPath(String path) {
        return path != null && path.endsWith("." + VERSION);
    }
}
