package dev.creact.server;

import dev.creact.engine.model.SourceSpan;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Between the engine's places (1-based line and column, {@link SourceSpan}) and LSP's (0-based line and
 * UTF-16 character, which is what a Java {@code char} index is), and text edits by LSP range.
 */
public final class Positions {
    private Positions() {
    }

    /** The LSP position of a 1-based line and column (anything below 1 counts as 1). */
    public static Position toLsp(int line, int column) {
        return new Position(Math.max(0, line - 1), Math.max(0, column - 1));
    }

    public static Position toLsp(SourceSpan span) {
        return toLsp(span.line(), span.column());
    }

    /** The 1-based {line, column} of an LSP position. */
    public static int[] toEngine(Position position) {
        return new int[]{position.getLine() + 1, position.getCharacter() + 1};
    }

    /**
     * The range from {@code start} to the end of its line in {@code text} (one character wide when the text
     * is unknown or the line is shorter): what an editor underlines for a diagnostic at a place.
     */
    public static Range toEndOfLine(String text, Position start) {
        int end = start.getCharacter() + 1;
        if (text != null) {
            String line = line(text, start.getLine());
            if (line != null) {
                int trimmed = line.stripTrailing().length();
                end = Math.max(trimmed, start.getCharacter() + 1);
            }
        }
        return new Range(start, new Position(start.getLine(), end));
    }

    /** The whole of line {@code line} (0-based) of {@code text}, or an empty range at it. */
    public static Range wholeLine(String text, int line) {
        String content = text == null ? null : line(text, line);
        return new Range(new Position(line, 0), new Position(line, content == null ? 0 : content.length()));
    }

    /** Line {@code index} (0-based) without its line break, or null when the text has fewer lines. */
    public static String line(String text, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return null;
            }
            start = nl + 1;
        }
        int nl = text.indexOf('\n', start);
        String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * The offset in {@code text} of an LSP position. A character past the end of its line means the end
     * of the line; a line past the end of the text means the end of the text (as LSP asks).
     */
    public static int offset(String text, Position position) {
        int start = 0;
        for (int i = 0; i < position.getLine(); i++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return text.length();
            }
            start = nl + 1;
        }
        int nl = text.indexOf('\n', start);
        int lineEnd = nl < 0 ? text.length() : nl;
        if (lineEnd > start && text.charAt(lineEnd - 1) == '\r') {
            lineEnd--;
        }
        return Math.min(start + Math.max(0, position.getCharacter()), lineEnd);
    }

    /** {@code text} with {@code range} replaced by {@code replacement} (an incremental didChange). */
    public static String apply(String text, Range range, String replacement) {
        int from = offset(text, range.getStart());
        int to = Math.max(from, offset(text, range.getEnd()));
        return text.substring(0, from) + replacement + text.substring(to);
    }
}
