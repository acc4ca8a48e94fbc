package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Ids that depend on what something is, never on when or where it was made: SHA-256 over the source and a
 * normalised configuration (object keys sorted at every depth, numbers in one form), so the same module with
 * the same inputs gets the same id on every machine and in every working copy. Nothing here reads a clock,
 * a random source or a path outside what it is given.
 */
public final class DeterministicIds {
    private DeterministicIds() {
    }

    /** {@code sha256:<hex>} of {@code source} and {@code config} normalised. */
    public static String generateDeterministicId(String source, JsonNode config) {
        String canonical = Json.write(normalizeConfig(config));
        return "sha256:" + sha256(source + "\n" + canonical);
    }

    /**
     * The configuration with object keys sorted at every depth and numbers in their shortest exact form
     * ({@code 2.0} and {@code 2} are one number), so that two equal configurations serialise to the same
     * bytes however they were written.
     */
    public static JsonNode normalizeConfig(JsonNode config) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (config.isObject()) {
            var sorted = new TreeMap<String, JsonNode>();
            config.properties().forEach(e -> sorted.put(e.getKey(), normalizeConfig(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (config.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            config.forEach(e -> out.add(normalizeConfig(e)));
            return out;
        }
        if (config.isNumber()) {
            BigDecimal d = config.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? JsonNodeFactory.instance.numberNode(d.toBigIntegerExact())
                    : JsonNodeFactory.instance.numberNode(d);
        }
        return config.deepCopy();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
