package dev.creact.engine.js;

import java.util.Arrays;
import java.util.Set;

/**
 * How deeply a source file nests, measured in one pass without parsing and without recursion, so that a
 * file the parsers would recurse into too deeply is refused before they see it. swc (native code) crashes
 * the whole process when its stack runs out, and GraalJS's parser reports the overflow without a place.
 *
 * <p>A level is a bracket {@code (}, {@code [} or <code>{</code>, a template substitution
 * <code>${</code>, or a JSX element. The scanner knows enough of the language not to count what is not
 * code: strings, comments, template text, regular expressions (told from division by the token before
 * them, as a tokenizer does) and JSX text. Where it cannot be sure, a literal that does not end on its
 * line is taken to have been misread, and the line is scanned again as code. The native parser still runs
 * on a stack sized for the file as a second line of defence (see {@link NativeParserStack}), so a misread
 * here cannot crash the process.
 */
public final class NestingScanner {
    /** The kinds of source creact loads. */
    public enum Dialect {
        /** JavaScript modules ({@code .js}, {@code .mjs}): no types, no JSX. */
        JS,
        /** TypeScript without JSX ({@code .ts}, {@code .mts}). */
        TS,
        /** TSX and JSX: JSX elements count as levels. */
        JSX,
        /** JSON: only strings and brackets. */
        JSON;

        public static Dialect of(String fileName) {
            if (fileName.endsWith(".tsx") || fileName.endsWith(".jsx")) {
                return JSX;
            }
            if (fileName.endsWith(".ts") || fileName.endsWith(".mts")) {
                return TS;
            }
            if (fileName.endsWith(".json")) {
                return JSON;
            }
            return JS;
        }
    }

    /** Where the nesting first went deeper than the limit: the opening token, 1-based. */
    public record Beyond(int depth, int line, int column) {
    }

    /**
     * What a scan found.
     *
     * @param beyond   where the nesting first went deeper than the limit (the scan stopped there), or null
     * @param maxDepth the deepest level seen
     * @param weight   the sum, over every item (a comma or semicolon in code) and JSX element, of the depth
     *                 it sits at, an element counting five times: about how much indentation a
     *                 pretty-printer adds when it puts each on a line of its own (swc does, so its output
     *                 grows with size times depth)
     */
    public record Result(Beyond beyond, int maxDepth, long weight) {
    }

    /** Indentation lines a JSX element becomes in swc's output (the call, its props, its source position). */
    private static final int JSX_ELEMENT_WEIGHT = 5;

    // Frame kinds. TEMPLATE (a template literal's text) is not a level of its own: its ${ is.
    private static final int PAREN = 0;
    private static final int PAREN_CONDITION = 1; // if (...), while (...): a regex may follow the ')'
    private static final int BRACKET = 2;
    private static final int BRACE_BLOCK = 3;
    private static final int BRACE_OBJECT = 4;
    private static final int TEMPLATE = 5;
    private static final int TEMPLATE_EXPR = 6;
    private static final int JSX_TAG = 7;
    private static final int JSX_CHILDREN = 8;
    private static final int JSX_EXPR = 9;

    /** Keywords after which an operand (so possibly a regex or JSX) comes. */
    private static final Set<String> OPERAND_KEYWORDS = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await", "extends", "default");
    private static final Set<String> CONDITION_KEYWORDS = Set.of("if", "while", "for", "with");
    private static final Set<String> BLOCK_KEYWORDS = Set.of("else", "do", "try", "finally");
    private static final int JSX_LOOKAHEAD = 256;

    private final String src;
    private final Dialect dialect;
    private final int limit;
    private int[] frames = new int[64];
    private int top; // number of frames
    private int depth; // frames that count as levels
    private int maxDepth;
    private long weight;
    private int i;
    private boolean operandExpected = true;
    private boolean statementStart = true;
    private boolean afterArrow;
    private boolean afterDot;
    private String lastWord = "";

    private NestingScanner(String src, Dialect dialect, int limit) {
        this.src = src;
        this.dialect = dialect;
        this.limit = limit;
    }

    /** Scans {@code source}, stopping where it first nests deeper than {@code limit}. */
    public static Result scan(String source, Dialect dialect, int limit) {
        var scanner = new NestingScanner(source, dialect, limit);
        var beyond = scanner.scan();
        return new Result(beyond, scanner.maxDepth, scanner.weight);
    }

    /** The first place where {@code source} nests deeper than {@code limit}, or null when it never does. */
    public static Beyond firstBeyond(String source, Dialect dialect, int limit) {
        return scan(source, dialect, limit).beyond();
    }

    /** The deepest nesting of {@code source}, however deep. */
    public static int maxDepth(String source, Dialect dialect) {
        return scan(source, dialect, Integer.MAX_VALUE).maxDepth();
    }

    private Beyond scan() {
        if (dialect != Dialect.JSON && src.startsWith("#!")) {
            i = lineEnd(0);
        }
        int n = src.length();
        while (i < n) {
            int at = i;
            boolean pushed = switch (mode()) {
                case TEMPLATE -> template();
                case JSX_TAG -> jsxTag();
                case JSX_CHILDREN -> jsxChildren();
                default -> dialect == Dialect.JSON ? json() : code();
            };
            if (pushed && depth > limit) {
                return beyond(at);
            }
        }
        return null;
    }

    private int mode() {
        return top == 0 ? -1 : frames[top - 1];
    }

    private boolean push(int kind) {
        if (top == frames.length) {
            frames = Arrays.copyOf(frames, top * 2);
        }
        frames[top++] = kind;
        if (kind != TEMPLATE) {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
        }
        if (kind == JSX_TAG) {
            weight += (long) JSX_ELEMENT_WEIGHT * depth;
        }
        return true;
    }

    private int pop() {
        int kind = frames[--top];
        if (kind != TEMPLATE) {
            depth--;
        }
        return kind;
    }

    // ------------------------------------------------------------------ JSON

    private boolean json() {
        char c = src.charAt(i);
        switch (c) {
            case '"' -> i = JsLexemes.stringEnd(src, i, '"', true);
            case '[' -> {
                i++;
                return push(BRACKET);
            }
            case '{' -> {
                i++;
                return push(BRACE_OBJECT);
            }
            case ']', '}' -> {
                i++;
                if (top > 0) {
                    pop();
                }
            }
            case ',' -> {
                i++;
                weight += depth;
            }
            default -> i++;
        }
        return false;
    }

    // ------------------------------------------------------------------ code

    private boolean code() {
        char c = src.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b' || c == '\u00a0'
                || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
            i++;
            return false;
        }
        boolean arrow = afterArrow;
        boolean dot = afterDot;
        afterArrow = false;
        afterDot = false;
        if (JsLexemes.isIdentifierStart(c)) {
            int start = i;
            i = identifierEnd(i + 1);
            String word = src.substring(start, i);
            lastWord = dot ? "" : word;
            operandExpected = !dot && OPERAND_KEYWORDS.contains(word);
            statementStart = !dot && BLOCK_KEYWORDS.contains(word);
            return false;
        }
        String word = lastWord;
        lastWord = "";
        if (c >= '0' && c <= '9' || c == '.' && i + 1 < src.length() && isDigit(src.charAt(i + 1))) {
            i = JsLexemes.numberEnd(src, i);
            operandExpected = false;
            statementStart = false;
            return false;
        }
        boolean wasStatementStart = statementStart;
        statementStart = false;
        switch (c) {
            case '\'', '"' -> {
                int end = JsLexemes.stringEnd(src, i, c, false);
                if (end < 0) {
                    i++; // unterminated on its line: misread, scan the rest of the line as code
                } else {
                    i = end;
                    operandExpected = false;
                }
                return false;
            }
            case '`' -> {
                i++;
                return pushTemplate();
            }
            case '/' -> {
                return slash();
            }
            case '(' -> {
                i++;
                operandExpected = true;
                return push(CONDITION_KEYWORDS.contains(word) ? PAREN_CONDITION : PAREN);
            }
            case '[' -> {
                i++;
                operandExpected = true;
                return push(BRACKET);
            }
            case '{' -> {
                i++;
                boolean block = wasStatementStart || arrow || !operandExpected;
                operandExpected = true;
                statementStart = block;
                return push(block ? BRACE_BLOCK : BRACE_OBJECT);
            }
            case ')', ']' -> {
                i++;
                int kind = closeBracket();
                operandExpected = kind == PAREN_CONDITION;
                statementStart = kind == PAREN_CONDITION;
                return false;
            }
            case '}' -> {
                i++;
                closeBrace();
                return false;
            }
            case '<' -> {
                if (dialect == Dialect.JSX && operandExpected && startsJsx(i)) {
                    i++;
                    return push(JSX_TAG);
                }
                i++;
                operandExpected = true;
                return false;
            }
            case '#' -> {
                i = identifierEnd(i + 1); // a private name
                operandExpected = false;
                return false;
            }
            default -> {
                return punctuator(c);
            }
        }
    }

    private boolean punctuator(char c) {
        char next = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        if (c == '=' && next == '>') {
            i += 2;
            operandExpected = true;
            afterArrow = true;
            return false;
        }
        if (!operandExpected && (c == '+' && next == '+' || c == '-' && next == '-')) {
            i += 2; // postfix increment: the operand has ended
            return false;
        }
        if (!operandExpected && c == '!' && next != '=') {
            i++; // TypeScript's non-null assertion
            return false;
        }
        if (c == '.' && next != '.') {
            afterDot = true;
        }
        if (c == '?' && next == '.' && !(i + 2 < src.length() && isDigit(src.charAt(i + 2)))) {
            i += 2;
            afterDot = true;
            operandExpected = true;
            return false;
        }
        i++;
        operandExpected = true;
        statementStart = c == ';';
        if (c == ',' || c == ';') {
            weight += depth;
        }
        return false;
    }

    private boolean slash() {
        char next = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        if (next == '/') {
            i = lineEnd(i);
            return false;
        }
        if (next == '*') {
            int end = src.indexOf("*/", i + 2);
            i = end < 0 ? src.length() : end + 2;
            return false;
        }
        if (operandExpected) {
            int end = JsLexemes.regexEnd(src, i);
            if (end >= 0) {
                i = identifierEnd(end);
                operandExpected = false;
                return false;
            }
            // not a regex after all (it does not end on its line): read it as division
        }
        i++;
        operandExpected = true;
        return false;
    }

    /** Closes a ')' or ']': pops the innermost bracket if there is one to close; returns its kind, or -1. */
    private int closeBracket() {
        int kind = mode();
        if (kind == PAREN || kind == PAREN_CONDITION || kind == BRACKET || kind == BRACE_BLOCK || kind == BRACE_OBJECT) {
            return pop();
        }
        return -1;
    }

    private void closeBrace() {
        int kind = mode();
        switch (kind) {
            case TEMPLATE_EXPR -> pop(); // back in the template's text
            case JSX_EXPR -> {
                pop();
                operandExpected = false;
            }
            case BRACE_BLOCK -> {
                pop();
                operandExpected = true;
                statementStart = true;
            }
            case BRACE_OBJECT, PAREN, PAREN_CONDITION, BRACKET -> {
                pop();
                operandExpected = false;
            }
            default -> operandExpected = false; // a stray '}': nothing to close
        }
    }

    // ------------------------------------------------------------------ template literals

    private boolean pushTemplate() {
        push(TEMPLATE);
        return false; // the text is not a level; its substitutions are
    }

    private boolean template() {
        char c = src.charAt(i);
        if (c == '\\') {
            i += 2;
        } else if (c == '`') {
            i++;
            pop();
            operandExpected = false;
        } else if (c == '$' && i + 1 < src.length() && src.charAt(i + 1) == '{') {
            i += 2;
            operandExpected = true;
            statementStart = false;
            return push(TEMPLATE_EXPR);
        } else {
            i++;
        }
        return false;
    }

    // ------------------------------------------------------------------ JSX

    /**
     * Whether the '<' at {@code at} (where an operand is expected) opens a JSX element rather than a
     * generic arrow function or function type ({@code <T,>(x: T) => x}, {@code <T extends X>(...)},
     * {@code <T>(x: T) => T}).
     */
    private boolean startsJsx(int at) {
        int n = Math.min(src.length(), at + JSX_LOOKAHEAD);
        int j = skipSpaces(at + 1, n);
        if (j >= n) {
            return false;
        }
        if (src.charAt(j) == '>') {
            return true; // a fragment
        }
        if (!JsLexemes.isIdentifierStart(src.charAt(j))) {
            return false;
        }
        int nameEnd = j;
        while (nameEnd < n && (JsLexemes.isIdentifierPart(src.charAt(nameEnd)) || src.charAt(nameEnd) == '.'
                || src.charAt(nameEnd) == ':' || src.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        int k = skipSpaces(nameEnd, n);
        if (k >= n) {
            return false;
        }
        char after = src.charAt(k);
        if (after == '>') {
            int m = skipSpaces(k + 1, n);
            return m >= n || src.charAt(m) != '('; // <T>(x: T) => T is a generic function
        }
        if (after == '/' || after == '{') {
            return true;
        }
        if (JsLexemes.isIdentifierStart(after)) {
            int attrEnd = identifierEnd(k + 1);
            return !src.startsWith("extends", k) || attrEnd != k + "extends".length();
        }
        return false; // <T,> or <T = X>: type parameters
    }

    private boolean jsxTag() {
        char c = src.charAt(i);
        if (c == '"' || c == '\'') {
            int end = src.indexOf(c, i + 1); // JSX attribute strings have no escapes and may span lines
            i = end < 0 ? src.length() : end + 1;
            return false;
        }
        if (c == '{') {
            i++;
            operandExpected = true;
            statementStart = false;
            return push(JSX_EXPR);
        }
        if (c == '<') {
            i++;
            return push(JSX_TAG); // an element as an attribute's value
        }
        if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '>') {
            i += 2;
            endElement();
            return false;
        }
        if (c == '>') {
            i++;
            frames[top - 1] = JSX_CHILDREN; // the same element, now its children
            return false;
        }
        if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
            i = lineEnd(i); // comments are allowed between attributes
            return false;
        }
        if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
            int end = src.indexOf("*/", i + 2);
            i = end < 0 ? src.length() : end + 2;
            return false;
        }
        if (Character.isWhitespace(c) || JsLexemes.isIdentifierPart(c) || c == '.' || c == ':' || c == '-' || c == '=') {
            i++;
            return false;
        }
        // Not JSX after all: read on as code from here.
        pop();
        operandExpected = true;
        return false;
    }

    private boolean jsxChildren() {
        char c = src.charAt(i);
        if (c == '{') {
            i++;
            operandExpected = true;
            statementStart = false;
            return push(JSX_EXPR);
        }
        if (c == '<') {
            int j = skipSpaces(i + 1, src.length());
            if (j < src.length() && src.charAt(j) == '/') {
                int close = src.indexOf('>', j);
                i = close < 0 ? src.length() : close + 1;
                endElement();
                return false;
            }
            i++;
            return push(JSX_TAG);
        }
        i++; // JSX text: quotes, brackets and slashes are just text here
        return false;
    }

    private void endElement() {
        pop();
        operandExpected = false;
    }

    // ------------------------------------------------------------------ lexical helpers

    /** The index after the string literal starting at {@code at}, or -1 when it does not end on its line. */
    private int lineEnd(int at) {
        int n = src.length();
        int j = at;
        while (j < n) {
            char c = src.charAt(j);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return j;
            }
            j++;
        }
        return n;
    }

    private int identifierEnd(int at) {
        int j = at;
        while (j < src.length() && JsLexemes.isIdentifierPart(src.charAt(j))) {
            j++;
        }
        return j;
    }

    private int skipSpaces(int at, int end) {
        int j = at;
        while (j < end && Character.isWhitespace(src.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Beyond beyond(int at) {
        int line = 1;
        int lineStart = 0;
        for (int j = 0; j < at; j++) {
            char c = src.charAt(j);
            if (c == '\n' || c == '\r' && (j + 1 >= src.length() || src.charAt(j + 1) != '\n')
                    || c == '\u2028' || c == '\u2029') {
                line++;
                lineStart = j + 1;
            }
        }
        return new Beyond(depth, line, at - lineStart + 1);
    }
}
