package dev.creact.engine.js;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call-site pass's fast path: creact's {@code useInstance} calls found by a scan of the generated code's
 * tokens, without swc's AST. Handing a module's AST to Java builds an object per node, which for a module of
 * 1,000 declarations took about 35 ms against swc's own parse of 4 ms; this scan takes about 1 ms.
 *
 * <p>It answers only when it can be sure it gives what {@link CallSites}' AST path gives, and {@code null}
 * otherwise (the AST path then runs). Every occurrence of a name that imports creact's {@code useInstance}
 * (or the module as a namespace) must be its import, a direct call {@code name(…)} in an expression position,
 * or, for a namespace, a member access {@code ns.…}: a name used any other way (passed as a value, declared
 * again, a parameter, a property key) makes the scan give up, where the AST path would have either left that
 * name's calls alone or given the same answer. It also gives up on what a token scan cannot read for certain:
 * a {@code /} after {@code }}, {@code ++} or {@code --} (a regex or a division), characters outside ASCII
 * outside strings, templates and comments, escapes in identifiers, unterminated literals, and imports of a
 * shape it does not know. {@code CallScanTest} holds its answers against the AST path's.
 */
final class CallScan {
    private static final String HOOK = "useInstance";
    private static final String MODULE = "creact";

    private static final int IDENT = 1;
    private static final int PUNCT = 2;
    private static final int STRING = 3;
    private static final int NUMBER = 4;
    private static final int REGEX = 5;
    private static final int TEMPLATE = 6;

    /** Keywords after which a {@code /} starts a regex, and after which a call may stand. */
    private static final Set<String> EXPRESSION_KEYWORDS = Set.of("return", "typeof", "instanceof", "in", "of",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");
    private static final Set<String> CONDITION_KEYWORDS = Set.of("if", "while", "for", "with");
    /** Punctuators after which a name is in an expression position, so {@code name(…)} is a call. */
    private static final Set<String> BEFORE_CALL = Set.of("(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}",
            ";", "+", "-", "*", "%", "<", ">", "~", "^", "/", "=>", "...", ")", "${");

    private final String code;
    private int[] kinds = new int[1024];
    private int[] starts = new int[1024];
    private int[] ends = new int[1024];
    private int count;

    private CallScan(String code) {
        this.code = code;
    }

    /** The calls the AST path would find, in order of their ends; null when the scan cannot be sure. */
    static List<CallSites.Call> find(String code) {
        var scan = new CallScan(code);
        return scan.tokenize() ? scan.calls() : null;
    }

    // ------------------------------------------------------------------ tokens

    private void add(int kind, int start, int end) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    private boolean is(int token, String punct) {
        return token >= 0 && token < count && kinds[token] == PUNCT && code.regionMatches(starts[token], punct, 0, punct.length())
                && ends[token] - starts[token] == punct.length();
    }

    private boolean isIdent(int token, String name) {
        return token >= 0 && token < count && kinds[token] == IDENT && ends[token] - starts[token] == name.length()
                && code.startsWith(name, starts[token]);
    }

    private String text(int token) {
        return code.substring(starts[token], ends[token]);
    }

    /** Splits the code into tokens; false when some part cannot be read for certain. */
    private boolean tokenize() {
        int n = code.length();
        // What each open brace is ('{' or 'T' for a template's ${), and whether each open paren follows if/while/for/with.
        var braces = new StringBuilder();
        var parens = new StringBuilder();
        boolean closedCondition = false; // the last ')' closed a condition: a '/' after it starts a regex
        int i = 0;
        if (code.startsWith("#!")) {
            i = lineEnd(0);
        }
        while (i < n) {
            char c = code.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\u00A0' || c == '\uFEFF') {
                i++;
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                i = lineEnd(i);
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int close = code.indexOf("*/", i + 2);
                if (close < 0) {
                    return false;
                }
                i = close + 2;
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < n && isIdentPart(code.charAt(i))) {
                    i++;
                }
                if (i < n && code.charAt(i) == '\\') {
                    return false; // an escape in an identifier
                }
                add(IDENT, start, i);
            } else if (c >= '0' && c <= '9' || c == '.' && i + 1 < n && isDigit(code.charAt(i + 1))) {
                int start = i;
                i = JsLexemes.numberEnd(code, i);
                add(NUMBER, start, i);
            } else if (c == '"' || c == '\'') {
                int end = JsLexemes.stringEnd(code, i, c, false);
                if (end < 0) {
                    return false;
                }
                add(STRING, i, end);
                i = end;
            } else if (c == '`') {
                int end = templateChunkEnd(i + 1);
                if (end < 0) {
                    return false;
                }
                if (code.startsWith("${", end - 2)) {
                    add(TEMPLATE, i, end - 2);
                    add(PUNCT, end - 2, end);
                    braces.append('T');
                } else {
                    add(TEMPLATE, i, end);
                }
                i = end;
            } else if (c == '/') {
                int regex = regexAfter(closedCondition);
                if (regex == 0) {
                    return false;
                }
                if (regex > 0) {
                    int end = JsLexemes.regexEnd(code, i);
                    if (end < 0) {
                        return false;
                    }
                    while (end < n && isIdentPart(code.charAt(end))) {
                        end++; // the flags
                    }
                    add(REGEX, i, end);
                    i = end;
                } else {
                    add(PUNCT, i, i + 1);
                    i++;
                }
            } else if (c > 0x7F) {
                return false; // a name or space a token scan does not read for certain
            } else {
                int len = punctLength(i);
                if (c == '{') {
                    braces.append('{');
                } else if (c == '}') {
                    if (braces.isEmpty()) {
                        return false;
                    }
                    char open = braces.charAt(braces.length() - 1);
                    braces.setLength(braces.length() - 1);
                    if (open == 'T') { // the end of a template's ${…}: the template goes on
                        add(PUNCT, i, i + 1);
                        int end = templateChunkEnd(i + 1);
                        if (end < 0) {
                            return false;
                        }
                        if (code.startsWith("${", end - 2)) {
                            add(TEMPLATE, i + 1, end - 2);
                            add(PUNCT, end - 2, end);
                            braces.append('T');
                        } else {
                            add(TEMPLATE, i + 1, end);
                        }
                        i = end;
                        continue;
                    }
                } else if (c == '(') {
                    boolean condition = count > 0 && kinds[count - 1] == IDENT && CONDITION_KEYWORDS.contains(text(count - 1))
                            && !is(count - 2, ".") && !is(count - 2, "?."); // x.if(…) is a method
                    parens.append(condition ? 'c' : 'p');
                } else if (c == ')') {
                    if (parens.isEmpty()) {
                        return false;
                    }
                    closedCondition = parens.charAt(parens.length() - 1) == 'c';
                    parens.setLength(parens.length() - 1);
                }
                add(PUNCT, i, i + len);
                i += len;
            }
        }
        return true;
    }

    /** 1: a '/' here starts a regex, -1: a division, 0: cannot tell. */
    private int regexAfter(boolean closedCondition) {
        if (count == 0) {
            return 1;
        }
        int last = count - 1;
        return switch (kinds[last]) {
            case IDENT -> EXPRESSION_KEYWORDS.contains(text(last)) && !is(last - 1, ".") && !is(last - 1, "?.") ? 1 : -1;
            case NUMBER, STRING, REGEX, TEMPLATE -> -1;
            default -> {
                if (is(last, ")")) {
                    yield closedCondition ? 1 : -1;
                }
                if (is(last, "]")) {
                    yield -1;
                }
                if (is(last, "}") || is(last, "++") || is(last, "--")) {
                    yield 0;
                }
                yield 1;
            }
        };
    }

    private int punctLength(int i) {
        if (code.startsWith("...", i)) {
            return 3;
        }
        if (code.startsWith("=>", i) || code.startsWith("++", i) || code.startsWith("--", i)) {
            return 2;
        }
        if (code.startsWith("?.", i) && !(i + 2 < code.length() && isDigit(code.charAt(i + 2)))) {
            return 2;
        }
        return 1;
    }

    private int lineEnd(int i) {
        int nl = code.indexOf('\n', i);
        return nl < 0 ? code.length() : nl + 1;
    }

    /** From inside a template: the index after its closing backtick, or after the next {@code ${}; -1 when unterminated. */
    private int templateChunkEnd(int j) {
        for (; j < code.length(); j++) {
            char c = code.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '`') {
                return j + 1;
            } else if (c == '$' && j + 1 < code.length() && code.charAt(j + 1) == '{') {
                return j + 2;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** ASCII only, unlike {@link JsLexemes#isIdentifierStart}: a name beyond ASCII makes the scan give up instead. */
    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    // ------------------------------------------------------------------ imports and calls

    /** The calls, or null when some use of an imported name is one the scan does not stand for. */
    private List<CallSites.Call> calls() {
        var direct = new HashMap<String, Integer>();     // local name of creact's useInstance → its token
        var namespaces = new HashMap<String, Integer>(); // local name of `import * as ns from "creact"` → its token
        if (!imports(direct, namespaces)) {
            return null;
        }
        var calls = new ArrayList<CallSites.Call>();
        if (direct.isEmpty() && namespaces.isEmpty()) {
            return calls;
        }
        for (int t = 0; t < count; t++) {
            if (kinds[t] != IDENT) {
                continue;
            }
            String name = text(t);
            boolean isDirect = direct.containsKey(name);
            boolean isNamespace = namespaces.containsKey(name);
            if (!isDirect && !isNamespace || Integer.valueOf(t).equals(isDirect ? direct.get(name) : namespaces.get(name))) {
                continue;
            }
            if (is(t - 1, ".") || is(t - 1, "?.")) {
                continue; // a property of something else, not the name
            }
            if (!expressionStart(t - 1)) {
                return null;
            }
            if (isDirect) {
                if (!is(t + 1, "(")) {
                    return null; // used as a value, or declared again
                }
                if (!call(t, t + 1, name, false, calls)) {
                    return null;
                }
            } else {
                if (!is(t + 1, ".") && !is(t + 1, "?.")) {
                    return null;
                }
                if (is(t + 1, ".") && isIdent(t + 2, HOOK) && is(t + 3, "(") && !call(t + 2, t + 3, name, true, calls)) {
                    return null;
                }
            }
        }
        calls.sort((a, b) -> Integer.compare(a.end(), b.end()));
        return calls;
    }

    /** Whether a name right after token {@code before} is at the start of an expression. */
    private boolean expressionStart(int before) {
        if (before < 0) {
            return true;
        }
        if (kinds[before] == IDENT) {
            return EXPRESSION_KEYWORDS.contains(text(before)) && !is(before - 1, ".") && !is(before - 1, "?.");
        }
        return kinds[before] == PUNCT && BEFORE_CALL.contains(text(before));
    }

    /**
     * A call whose callee is token {@code callee} and whose '(' is {@code open}: added when it has exactly two
     * arguments and no spread, as the AST path requires; false when the call's shape is not one the scan is sure of.
     */
    private boolean call(int callee, int open, String name, boolean namespace, List<CallSites.Call> calls) {
        int depth = 0;
        int args = 0;
        boolean spread = false;
        boolean pendingArgument = false;
        for (int t = open; t < count; t++) {
            if (kinds[t] == PUNCT) {
                String p = text(t);
                if (p.equals("(") || p.equals("[") || p.equals("{") || p.equals("${")) {
                    if (depth == 1 && !pendingArgument) {
                        pendingArgument = true;
                    }
                    depth++;
                    continue;
                }
                if (p.equals(")") || p.equals("]") || p.equals("}")) {
                    depth--;
                    if (depth == 0) {
                        if (pendingArgument) {
                            args++;
                        }
                        if (is(t + 1, "{") || is(t + 1, "=>")) {
                            return false; // a method or function's parameter list, not a call
                        }
                        if (args == 2 && !spread) {
                            calls.add(new CallSites.Call(starts[callee], ends[t], name, namespace));
                        }
                        return true;
                    }
                    continue;
                }
                if (depth == 1 && p.equals(",")) {
                    if (pendingArgument) {
                        args++;
                    }
                    pendingArgument = false;
                    continue;
                }
                if (depth == 1 && p.equals("...") && !pendingArgument) {
                    spread = true;
                }
            }
            if (depth == 1) {
                pendingArgument = true;
            }
        }
        return false;
    }

    /** creact's imports; false when an import has a shape the scan does not know. */
    private boolean imports(Map<String, Integer> direct, Map<String, Integer> namespaces) {
        for (int t = 0; t < count; t++) {
            if (!isIdent(t, "import") || is(t - 1, ".") || is(t - 1, "?.")) {
                continue;
            }
            if (is(t + 1, "(") || is(t + 1, ".")) {
                continue; // import(…) or import.meta
            }
            var named = new HashMap<String, Integer>(); // local → token, of what is imported as useInstance
            String namespace = null;
            int namespaceToken = -1;
            int u = t + 1;
            if (u < count && kinds[u] == STRING) { // import "module";
                continue;
            }
            if (u < count && kinds[u] == IDENT && !isIdent(u, "from")) { // a default import
                u++;
                if (is(u, ",")) {
                    u++;
                } else if (!isIdent(u, "from")) {
                    return false;
                }
            } else if (isIdent(u, "from") && isIdent(u + 1, "from")) { // `import from from "m"`
                u++;
            }
            if (is(u, "*")) {
                if (!isIdent(u + 1, "as") || u + 2 >= count || kinds[u + 2] != IDENT) {
                    return false;
                }
                namespace = text(u + 2);
                namespaceToken = u + 2;
                u += 3;
            } else if (is(u, "{")) {
                u++;
                while (!is(u, "}")) {
                    if (u >= count || kinds[u] != IDENT && kinds[u] != STRING) {
                        return false;
                    }
                    String imported = kinds[u] == STRING ? unquoted(u) : text(u);
                    int local = u;
                    u++;
                    if (isIdent(u, "as")) {
                        if (u + 1 >= count || kinds[u + 1] != IDENT) {
                            return false;
                        }
                        local = u + 1;
                        u += 2;
                    } else if (kinds[local] == STRING) {
                        return false;
                    }
                    if (HOOK.equals(imported)) {
                        named.put(text(local), local);
                    }
                    if (is(u, ",")) {
                        u++;
                    } else if (!is(u, "}")) {
                        return false;
                    }
                }
                u++;
            }
            if (!isIdent(u, "from") || u + 1 >= count || kinds[u + 1] != STRING) {
                return false;
            }
            if (MODULE.equals(unquoted(u + 1))) {
                direct.putAll(named);
                if (namespace != null) {
                    namespaces.put(namespace, namespaceToken);
                }
            }
        }
        return true;
    }

    /** A string token's value, or null when it has escapes (compared with nothing then). */
    private String unquoted(int token) {
        String raw = code.substring(starts[token] + 1, ends[token] - 1);
        return raw.indexOf('\\') >= 0 ? null : raw;
    }
}
