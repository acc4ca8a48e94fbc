package dev.creact.engine.model;

import java.util.Set;

/**
 * Options of one plan: resources to limit it to ({@code --target}: those and what they depend on; for a
 * delete, those and what depends on them), resources to replace even if unchanged ({@code --replace}), and
 * whether to read every resource through its provider first and plan against what exists ({@code --refresh}).
 */
public record PlanOptions(Set<String> targets, Set<String> replace, boolean refresh) {
    public static final PlanOptions NONE = new PlanOptions(Set.of(), Set.of(), false);

    public PlanOptions(Set<String> targets, Set<String> replace) {
        this(targets, replace, false);
    }

    public PlanOptions {
        targets = Set.copyOf(targets);
        replace = Set.copyOf(replace);
    }

    public PlanOptions withRefresh(boolean on) {
        return new PlanOptions(targets, replace, on);
    }
}
