package dev.creact.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.model.SecretRef;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the secret values a deployment resolved, raw and in base64, with {@code (secret)} in whatever a
 * provider hands back (outputs, its data, an exception's text, progress lines) before that reaches the
 * state, the journal, the deployment record or any listener. A provider that echoes its input cannot leak
 * it this way. Values shorter than four characters are only replaced where they are a whole string (a
 * one-letter secret would otherwise blank every such letter).
 */
public final class SecretRedactor {
    private static final int MIN_EMBEDDED = 4;
    private final Set<String> values = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    /** Remembers {@code value} (and its base64 forms) for redaction. */
    public void add(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean changed = values.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        changed |= values.add(Base64.getEncoder().encodeToString(bytes));
        changed |= values.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        changed |= values.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        if (changed) {
            var sorted = new ArrayList<>(values);
            sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
            longestFirst = List.copyOf(sorted);
        }
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : longestFirst) {
            if (out.equals(v)) {
                return SecretRef.MASK;
            }
            if (v.length() >= MIN_EMBEDDED && out.contains(v)) {
                out = out.replace(v, SecretRef.MASK);
            }
        }
        return out;
    }

    /** A copy of {@code value} with every string (and object key) redacted; the same node when nothing is known. */
    public JsonNode redact(JsonNode value) {
        if (value == null || values.isEmpty()) {
            return value;
        }
        if (value.isTextual()) {
            String r = redact(value.asText());
            return r.equals(value.asText()) ? value : TextNode.valueOf(r);
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(e -> copy.set(redact(e.getKey()), redact(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(e -> copy.add(redact(e)));
            return copy;
        }
        return value;
    }

    public ObjectNode redact(ObjectNode value) {
        return (ObjectNode) redact((JsonNode) value);
    }
}
