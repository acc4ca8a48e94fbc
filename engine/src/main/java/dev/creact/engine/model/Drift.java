package dev.creact.engine.model;

import java.util.List;

/**
 * What a refresh found about one deployed resource that differs from the state: it is gone, or some of its
 * props (or, when its provider cannot tell props, its outputs) changed outside creact.
 *
 * @param changed the props or outputs that changed, sorted (empty when gone)
 * @param source  where the resource is declared, when it still is
 */
public record Drift(String id, String type, Kind kind, List<String> changed, SourceSpan source) {
    public enum Kind { DRIFTED, GONE }

    public Drift {
        changed = List.copyOf(changed);
    }

    /** {@code ! drifted site.index: content changed outside creact}, {@code ! gone site.root}. */
    public String describe() {
        return kind == Kind.GONE ? "! gone " + id + ": deleted outside creact"
                : "! drifted " + id + ": " + String.join(", ", changed) + " changed outside creact";
    }
}
