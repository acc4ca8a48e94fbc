package dev.creact.engine.js;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * What {@code pattern.matcher(text).find()} finds, in order, for a {@link Pattern#MULTILINE} pattern each of whose
 * alternatives starts with {@code ^}: the pattern is tried with {@code lookingAt} at line starts only. A {@code find}
 * tries every position of the text first, which for a 1,000-line module was milliseconds per evaluation (the import
 * list of the render memo, the top-level functions of {@link TopLevelFunctions}).
 */
public final class LineStartMatches {
    private LineStartMatches() {
    }

    /** Whether the pattern can match at a line start: a cheap test that spares the matcher most lines. */
    @FunctionalInterface
    public interface LineFilter {
        boolean mayMatchAt(String text, int lineStart);
    }

    /** Only the line starts {@code filter} lets through are tried; it must let through every one where the pattern matches. */
    public static List<MatchResult> of(Pattern pattern, String text, LineFilter filter) {
        var out = new ArrayList<MatchResult>();
        var m = pattern.matcher(text);
        int n = text.length();
        int p = 0;
        while (p < n) {
            if (filter.mayMatchAt(text, p) && m.region(p, n).lookingAt()) {
                out.add(m.toMatchResult());
                // find goes on from the match's end, where ^ holds only at the start of a line
                p = m.end() > p && isLineTerminator(text.charAt(m.end() - 1)) ? m.end() : lineAfter(text, Math.max(m.end(), p));
            } else {
                p = lineAfter(text, p);
            }
        }
        return out;
    }

    /** Where a MULTILINE {@code ^} matches: after any of Java's line terminators. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The start of the line after the one holding {@code i}, or the text's length. */
    private static int lineAfter(String text, int i) {
        for (int j = i; j < text.length(); j++) {
            if (isLineTerminator(text.charAt(j))) {
                return j + 1;
            }
        }
        return text.length();
    }
}
