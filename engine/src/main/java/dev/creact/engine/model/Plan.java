package dev.creact.engine.model;

import java.util.List;

/**
 * A plan is a value: made once, shown, saved, and applied exactly as it is. It records the state serial
 * it was made against, so applying it after the state moved on is refused.
 *
 * @param formatVersion version of the serialised form
 * @param stack         stack name
 * @param stateSerial   serial of the deployed state it was made against (0: nothing deployed)
 * @param changeSet     what changes
 * @param order         ids to create, update or replace in dependency order (ties by id), then deletes,
 *                      dependents first
 * @param batches       the same ids grouped by depth: each batch depends only on earlier ones
 * @param desired       the CloudDOM that a deploy of this plan leads to
 * @param outputChanges the stack outputs ({@code useStackOutputs}) that change, each with its value before
 *                      and after (omitted from JSON when none do)
 * @param drift         with a refresh: what was found changed or gone outside creact (the plan restores it)
 */
public record Plan(int formatVersion, String stack, long stateSerial, ChangeSet changeSet, List<String> order,
                   List<List<String>> batches, CloudDom desired,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                   List<PropChange> outputChanges,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                   List<Drift> drift) {
    public static final int FORMAT_VERSION = 1;

    public Plan(int formatVersion, String stack, long stateSerial, ChangeSet changeSet, List<String> order,
                List<List<String>> batches, CloudDom desired) {
        this(formatVersion, stack, stateSerial, changeSet, order, batches, desired, List.of(), List.of());
    }

    public Plan(int formatVersion, String stack, long stateSerial, ChangeSet changeSet, List<String> order,
                List<List<String>> batches, CloudDom desired, List<PropChange> outputChanges) {
        this(formatVersion, stack, stateSerial, changeSet, order, batches, desired, outputChanges, List.of());
    }

    public Plan {
        order = List.copyOf(order);
        batches = batches.stream().map(List::copyOf).toList();
        outputChanges = outputChanges == null ? List.of() : List.copyOf(outputChanges);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /** The same plan with what a refresh found. */
    public Plan withDrift(List<Drift> found) {
        return new Plan(formatVersion, stack, stateSerial, changeSet, order, batches, desired, outputChanges, found);
    }

    /** Whether applying it changes anything: a resource, or a stack output. */
    public boolean hasChanges() {
        return !changeSet.isEmpty() || !outputChanges.isEmpty();
    }

    /** {@code Plan: 2 to create, 1 to update, 0 to replace, 1 to delete.} */
    public String summaryLine() {
        return "Plan: " + changeSet.creates().size() + " to create, " + changeSet.updates().size() + " to update, "
                + changeSet.replaces().size() + " to replace, " + changeSet.deletes().size() + " to delete.";
    }
}
