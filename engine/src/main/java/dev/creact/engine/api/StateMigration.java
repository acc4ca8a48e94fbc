package dev.creact.engine.api;

import java.util.List;

/**
 * What {@link Project#migrateState} copied: from which backend to which (as {@code creact info} describes
 * them, never with a password), and per stack what it holds.
 */
public record StateMigration(String from, String to, List<Stack> stacks) {
    public StateMigration {
        stacks = List.copyOf(stacks);
    }

    /**
     * One stack's copy: its state serial and number of resources (0 when it had no state), whether it had a
     * deployment record, its journal's entries, its documents and logs by name.
     */
    public record Stack(String name, long serial, int resources, boolean deploymentRecord, int journalEntries,
                        List<String> documents, List<String> logs) {
    }
}
