package dev.creact.engine.sync;

import java.util.List;
import java.util.Optional;

/**
 * Where the {@link StateSyncServer} gets a stack's current state when it has none yet: for the first
 * subscriber of a stack and for the REST endpoints. After that the server keeps the state itself from what
 * is published to it ({@link StateSyncServer#publish}), so a source is asked once per stack and server run.
 *
 * <p>Called on the server's one publishing thread: it should read local state and return (it may block
 * for that long, not longer).
 */
public interface StateSource {
    /** The stacks this source knows, for {@code GET /v1/stacks}. */
    List<String> stacks();

    /**
     * The whole state of a stack ({@link StackUpdate#full()} true), or empty when the source does not serve
     * this stack (the client gets the error {@code unknown_stack}). A served stack with nothing deployed
     * yet is an update with status PENDING and no resources, not empty.
     */
    Optional<StackUpdate> snapshot(String stack);
}
