package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A planned change of one resource.
 *
 * @param id             resource id
 * @param type           construct type (the new one for a replacement)
 * @param action         create, update, replace or delete
 * @param before         props before (null for a create)
 * @param after          props after (null for a delete); unknown values are reference tokens
 * @param changedProps   the changed prop values, in path order (empty for creates and deletes)
 * @param replaceReasons why a replacement is needed: {@code type changed}, a prop that forces it, or
 *                       {@code requested with --replace}
 * @param source         where the resource is declared (the previous declaration for a delete)
 * @param safety         whether it may be applied without asking (null until the planner classified it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(String id, String type, Action action, ObjectNode before, ObjectNode after,
                     List<PropChange> changedProps, List<String> replaceReasons, SourceSpan source,
                     Safety safety) {
    public Change {
        changedProps = List.copyOf(changedProps == null ? List.of() : changedProps);
        replaceReasons = List.copyOf(replaceReasons == null ? List.of() : replaceReasons);
        before = before == null ? null : before.deepCopy();
        after = after == null ? null : after.deepCopy();
    }

    /** An unclassified change (the reconciler's output; the planner classifies it). */
    public Change(String id, String type, Action action, ObjectNode before, ObjectNode after,
                  List<PropChange> changedProps, List<String> replaceReasons, SourceSpan source) {
        this(id, type, action, before, after, changedProps, replaceReasons, source, null);
    }

    /** The same change with its safety classification. */
    public Change withSafety(Safety s) {
        return new Change(id, type, action, before, after, changedProps, replaceReasons, source, s);
    }

    /** Safe to apply without asking (an unclassified change is not). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSafe() {
        return safety != null && safety.isSafe();
    }

    /** The changed prop paths, as in plan JSON's {@code changedPaths}. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public List<String> changedPaths() {
        return changedProps.stream().map(PropChange::path).toList();
    }
}
