package dev.creact.engine.api;

import dev.creact.engine.model.Plan;

/** Asked once, with the first plan of a deploy or destroy, before anything changes. */
@FunctionalInterface
public interface Approval {
    Approval ALWAYS = plan -> true;

    boolean approve(Plan plan);
}
