package dev.creact.engine.js;

/**
 * Where JavaScript's literals end, for the scanners that read source text without a parser ({@link NestingScanner},
 * {@link CallScan}): strings, regular expressions and numbers, and which characters make up identifiers.
 */
final class JsLexemes {
    private JsLexemes() {
    }

    /**
     * The index after the string literal opening with {@code quote} at {@code at}; -1 when it does not end on its
     * line (in JSON, {@code json}: it may run on, and an unterminated one ends with the text).
     */
    static int stringEnd(String src, int at, char quote, boolean json) {
        int n = src.length();
        int j = at + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                return j + 1;
            }
            if (!json && (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')) {
                return -1;
            }
            j++;
        }
        return json ? n : -1;
    }

    /** The index after the regular expression starting at {@code at}, or -1 when it does not end on its line. */
    static int regexEnd(String src, int at) {
        int n = src.length();
        boolean inClass = false;
        int j = at + 1;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return -1;
            }
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** The index after the number starting at {@code at} (digits, letters, dots, an exponent's sign; not in hex). */
    static int numberEnd(String src, int at) {
        int j = at;
        while (j < src.length()) {
            char c = src.charAt(j);
            if (isIdentifierPart(c) || c == '.') {
                j++;
            } else if ((c == '+' || c == '-') && (src.charAt(j - 1) == 'e' || src.charAt(j - 1) == 'E')
                    && !src.startsWith("0x", at) && !src.startsWith("0X", at)) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    /** ASCII letters, _, $, an escape's backslash, and letters beyond ASCII. */
    static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c == '\\'
                || c > 0x7f && Character.isLetter(c);
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c > 0x7f && (Character.isLetterOrDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK || c == '\u200c' || c == '\u200d');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
