package dev.creact.engine.model;

import dev.creact.engine.model.CloudDom;

/**
 * What the backend holds for a stack: the deployed CloudDOM and its serial, which grows by one with
 * every write (a saved plan records the serial it was made against).
 */
public record StateSnapshot(long serial, CloudDom cloudDom) {
}
