package dev.creact.engine.js;

import java.util.List;
import java.util.Map;

/**
 * User code failed: it did not parse, threw, imported something that does not exist, reached for the
 * host, or ran past a limit. Positions are in the original files (source-mapped), 1-based.
 */
public final class JsEvaluationException extends RuntimeException {
    /** SOURCE_LIMIT: a file refused before parsing (nesting too deep, too large); its code is in the details. */
    public enum Kind { SYNTAX, SOURCE_LIMIT, RUNTIME, IMPORT, SANDBOX, TIMEOUT, MEMORY, CANCELLED, INTERNAL }

    private final Kind kind;
    private final String path;
    private final int line;
    private final int column;
    private final List<String> stack;
    private final Map<String, Object> details;

    public JsEvaluationException(Kind kind, String message, String path, int line, int column,
                                 List<String> stack, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.path = path;
        this.line = line;
        this.column = column;
        this.stack = List.copyOf(stack == null ? List.of() : stack);
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public Kind kind() {
        return kind;
    }

    /** Absolute path of the user file where it happened, or null when unknown. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** User-code frames, innermost first, as {@code name (file:line:column)} in original positions. */
    public List<String> stack() {
        return stack;
    }

    /** Fields the runtime attached to the error (code, resourceId, componentStack). */
    public Map<String, Object> details() {
        return details;
    }
}
