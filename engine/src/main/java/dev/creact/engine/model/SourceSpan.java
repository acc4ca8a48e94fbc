package dev.creact.engine.model;

import java.util.Objects;

/**
 * A place in a user's source file: the file relative to the project root (with '/' separators),
 * a 1-based line and a 1-based column, in the original {@code .tsx}, never in transpiled code.
 */
public record SourceSpan(String file, int line, int column) {
    public SourceSpan {
        Objects.requireNonNull(file, "file");
    }

    /** The form editors and terminals link: {@code infrastructure.tsx:12:5}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
