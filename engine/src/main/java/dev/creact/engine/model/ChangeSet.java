package dev.creact.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between the deployed CloudDOM and the desired one. Each list is sorted by id.
 *
 * @param creates   resources to create
 * @param updates   resources to update in place
 * @param replaces  resources to delete and create again
 * @param deletes   resources to delete
 * @param unchanged ids of resources left alone
 * @param moves     resources whose parent changed (not a change of the resource)
 */
public record ChangeSet(List<Change> creates, List<Change> updates, List<Change> replaces, List<Change> deletes,
                        List<String> unchanged, List<Move> moves) {
    public ChangeSet {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        replaces = List.copyOf(replaces);
        deletes = List.copyOf(deletes);
        unchanged = List.copyOf(unchanged);
        moves = List.copyOf(moves);
    }

    /** Every change: creates, updates, replacements, then deletes. */
    public List<Change> all() {
        var out = new ArrayList<Change>(creates.size() + updates.size() + replaces.size() + deletes.size());
        out.addAll(creates);
        out.addAll(updates);
        out.addAll(replaces);
        out.addAll(deletes);
        return out;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isEmpty() {
        return creates.isEmpty() && updates.isEmpty() && replaces.isEmpty() && deletes.isEmpty();
    }

    public int size() {
        return creates.size() + updates.size() + replaces.size() + deletes.size();
    }
}
