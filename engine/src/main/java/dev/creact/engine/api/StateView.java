package dev.creact.engine.api;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.StateSnapshot;

import java.util.List;

/** The deployed state of a stack as read now: its snapshot (null when nothing was deployed), or why it could not be read. */
public record StateView(StateSnapshot snapshot, List<Problem> problems) {
    public StateView {
        problems = List.copyOf(problems);
    }

    public boolean failed() {
        return !problems.isEmpty();
    }

    /** The deployed CloudDOM, or null. */
    public CloudDom cloudDom() {
        return snapshot == null ? null : snapshot.cloudDom();
    }

    /** The state serial (0 when nothing was deployed). */
    public long serial() {
        return snapshot == null ? 0 : snapshot.serial();
    }
}
