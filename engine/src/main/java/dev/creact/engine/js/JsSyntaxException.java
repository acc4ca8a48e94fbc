package dev.creact.engine.js;

/** A user file that does not parse: the transpiler's message and the 1-based place in the original file. */
public final class JsSyntaxException extends RuntimeException {
    private final String path;
    private final int line;
    private final int column;
    private final String detail;

    public JsSyntaxException(String path, int line, int column, String detail) {
        super(detail + " (" + path + ":" + line + ":" + column + ")");
        this.path = path;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the place, e.g. {@code Expected ',', got '<'}. */
    public String detail() {
        return detail;
    }
}
