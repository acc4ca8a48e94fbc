package dev.creact.engine.model;

import java.util.Set;

/**
 * Options of one plan: resources to limit it to ({@code --target}: those and what they depend on; for a
 * delete, those and what depends on them) and resources to replace even if unchanged ({@code --replace}).
 */
public record PlanOptions(Set<String> targets, Set<String> replace) {
    public static final PlanOptions NONE = new PlanOptions(Set.of(), Set.of());

    public PlanOptions {
        targets = Set.copyOf(targets);
        replace = Set.copyOf(replace);
    }
}
