package dev.creact.engine.api;

import dev.creact.engine.model.Change;
import dev.creact.engine.model.Plan;

import java.util.List;
import java.util.Map;

/** How a client asks the user during a dev-mode cycle. Both questions block until answered; a client that cannot ask answers no. */
public interface Asker {
    /** Without step mode: whether to apply these unsafe changes (the safe ones are applied anyway). */
    boolean applyUnsafe(Plan plan, List<Change> unsafe);

    /** With step mode: whether to apply this change now; no skips it until the next save. */
    boolean applyChange(Plan plan, Change change);

    /** Told once the decisions are made, just before the deploy: the plan of what will be applied, and what is held back and why. */
    default void applying(Plan accepted, Map<String, String> held) {
    }
}
