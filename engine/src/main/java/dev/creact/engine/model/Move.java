package dev.creact.engine.model;

/** A resource whose parent in the tree changed: reported, but not a change of the resource itself. */
public record Move(String id, String fromParent, String toParent) {
}
