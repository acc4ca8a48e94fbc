package dev.creact.engine.js;

/**
 * A user file creact refuses to parse, before any parser sees it: it nests deeper than the parsers can
 * safely follow, or it is too large for the native parser's stack. Carries the place (1-based) and a
 * stable problem code.
 */
public final class SourceLimitException extends RuntimeException {
    public static final String NESTING = "nesting-too-deep";
    public static final String SIZE = "file-too-large";

    private final String code;
    private final String path;
    private final int line;
    private final int column;
    private final String hint;

    public SourceLimitException(String code, String path, int line, int column, String message, String hint) {
        super(message);
        this.code = code;
        this.path = path;
        this.line = line;
        this.column = column;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    /** Absolute path of the refused file. */
    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String hint() {
        return hint;
    }
}
