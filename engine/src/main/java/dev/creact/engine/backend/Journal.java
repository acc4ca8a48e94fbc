package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An open deployment journal of one stack. {@link #append} returns only once the entry is stored in a
 * way that survives this process being killed (a single {@code write()} to a file opened for append, a
 * committed row); the intent of an operation is appended before its provider call and its result after,
 * so recovery can tell what may have happened. What entries mean is {@code deploy}'s business.
 */
public interface Journal extends AutoCloseable {
    void append(ObjectNode entry);

    /** Makes what was appended survive a power cut too (backends may also do it on their own schedule). */
    void sync();

    @Override
    void close();
}
