package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes secret values from what a tool printed before it reaches a message, a progress line or a log:
 * every value of a sensitive input (and what a tool marked sensitive) is replaced by {@value #MASK}.
 * Values shorter than four characters are not masked (they would blank out ordinary words), and are not
 * secrets worth the name.
 */
public final class Redactor {
    public static final String MASK = "(sensitive)";
    private static final int SHORTEST = 4;
    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** Masks these values (and, for JSON values, every string inside them). */
    public static Redactor of(List<JsonNode> values) {
        var texts = new ArrayList<String>();
        values.forEach(v -> collect(v, texts));
        return new Redactor(texts.stream().filter(t -> t.length() >= SHORTEST).toList());
    }

    /** This redactor masking {@code more} too. */
    public Redactor and(List<JsonNode> more) {
        var all = new ArrayList<JsonNode>();
        secrets.forEach(s -> all.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(s)));
        all.addAll(more);
        return of(all);
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    private static void collect(JsonNode v, List<String> out) {
        if (v == null || v.isNull()) {
            return;
        }
        if (v.isContainerNode()) {
            v.forEach(e -> collect(e, out));
        } else {
            out.add(v.asText());
        }
    }
}
