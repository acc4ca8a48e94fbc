package dev.creact.engine.backend;

import dev.creact.engine.model.CloudDom;

import java.util.Optional;

/** Where the deployed state of each stack lives. Every write is atomic or transactional. */
public interface StateBackend {
    /** The stack's state, or empty when nothing was ever deployed. */
    Optional<StateSnapshot> read(String stack);

    /** Replaces the stack's state; returns the new serial. Refuses to overwrite state it cannot trust. */
    long write(String stack, CloudDom cloudDom);
}
