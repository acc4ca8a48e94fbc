package dev.creact.engine.js;

import com.caoccao.javet.swc4j.Swc4j;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstCallExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstClassExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstFnExpr;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdent;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstIdentName;
import com.caoccao.javet.swc4j.ast.expr.Swc4jAstMemberExpr;
import com.caoccao.javet.swc4j.ast.expr.lit.Swc4jAstStr;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportDecl;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportNamedSpecifier;
import com.caoccao.javet.swc4j.ast.module.Swc4jAstImportStarAsSpecifier;
import com.caoccao.javet.swc4j.ast.pat.Swc4jAstBindingIdent;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstClassDecl;
import com.caoccao.javet.swc4j.ast.stmt.Swc4jAstFnDecl;
import com.caoccao.javet.swc4j.ast.visitors.Swc4jAstVisitor;
import com.caoccao.javet.swc4j.ast.visitors.Swc4jAstVisitorResponse;
import com.caoccao.javet.swc4j.enums.Swc4jMediaType;
import com.caoccao.javet.swc4j.enums.Swc4jParseMode;
import com.caoccao.javet.swc4j.exceptions.Swc4jCoreException;
import com.caoccao.javet.swc4j.options.Swc4jParseOptions;
import dev.creact.engine.model.Json;

import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The call-site pass: gives every {@code useInstance(construct, props)} call of a transpiled module whose callee
 * is creact's own {@code useInstance} (a named or aliased import from {@code "creact"}, or {@code ns.useInstance}
 * of {@code import * as ns from "creact"}) a third argument, {@code {file, line, column, mapped: true}}: the
 * position the runtime would otherwise read from a JavaScript stack trace per declared resource (the largest
 * per-resource cost of a render), already in the original file's coordinates.
 *
 * <p>Why it works on the generated JavaScript, after swc's transpile: swc4j 2.0.0's plugin host can change the
 * AST, but an AST handed back to swc loses every span (the source map comes out empty and JSX elements lose their
 * {@code source}), so the AST is only read. The calls are found in the generated code by {@link CallScan}'s token
 * scan, or, when the scan cannot be sure, by parsing it once more with a read-only visitor; either gives the exact
 * generated position of each call; the argument is inserted in the text before the call's closing
 * parenthesis and the source map's generated columns after it on that line are moved by as much.
 *
 * <p>The position is what the stack path yields: GraalJS reports a call at the start of its callee in the
 * generated code (of the property name for {@code ns.useInstance}), and the pass maps that position through the module's own source map with
 * {@link SourceMap#toOriginal}, as the renderer does for a stack frame; the file is the module's path as the
 * stack names it. Calls it cannot prove are creact's (a {@code useInstance} passed around as a value, a name that
 * is declared again anywhere in the module, a spread or a third argument, optional calls, computed members) are
 * left alone: the runtime reads their site from the stack as before.
 */
final class CallSites {
    /** Part of the transpile caches' keys: changes whenever what the pass emits for the same input changes. */
    static final String VERSION = "call-sites 1";

    private static final String HOOK = "useInstance";
    private static final String MODULE = "creact";

    /** Off only in tests that compare the pass with the stack path (package-private on purpose). */
    static volatile boolean enabled = true;

    private CallSites() {
    }

    /** What the caches must know about the pass: its version, or that it is off. */
    static String stamp() {
        return enabled ? VERSION : "call-sites off";
    }

    /** Generated code and its source map's {@code mappings} (null: none) after the pass. */
    record Result(String code, String mappings) {
    }

    /**
     * The module {@code code} (swc's output for {@code file}, whose source map's {@code mappings} are given and
     * decoded as {@code map}) with a site argument for each of creact's {@code useInstance} calls; the input
     * itself when there is none or the pass is off.
     */
    static Result apply(Swc4j swc, Path file, String code, String mappings, SourceMap map) {
        if (!enabled || mappings == null || !code.contains(HOOK) || hasOtherLineTerminators(code)) {
            return new Result(code, mappings);
        }
        List<Call> calls = findCalls(swc, code);
        if (calls.isEmpty()) {
            return new Result(code, mappings);
        }
        try {
            return insert(file, code, mappings, map, calls);
        } catch (RuntimeException e) {
            return new Result(code, mappings); // a source map this pass cannot read: the stack path stays
        }
    }

    private static Result insert(Path file, String code, String mappings, SourceMap map, List<Call> calls) {
        String fileLiteral = Json.write(file.toString());
        var lines = new LineIndex(code);
        var out = new StringBuilder(code.length() + calls.size() * 64);
        var shifts = new ArrayList<int[]>(); // {generated line (1-based), column (0-based) of the ')', inserted length}
        int copied = 0;
        for (Call call : calls) { // in source order, so the text is copied once front to back
            int calleeAt = lines.utf16(call.reportedAt);
            int closeAt = lines.utf16(call.end) - 1;
            if (closeAt < copied || closeAt >= code.length() || code.charAt(closeAt) != ')') {
                continue; // not the shape swc prints; the stack path stays
            }
            int line = lines.lineOf(calleeAt);
            int[] original = map.toOriginal(line, calleeAt - lines.lineStart(line) + 1);
            String argument = ", {file: " + fileLiteral + ", line: " + original[0] + ", column: " + original[1]
                    + ", mapped: true}";
            out.append(code, copied, closeAt).append(argument);
            copied = closeAt;
            int closeLine = lines.lineOf(closeAt);
            shifts.add(new int[]{closeLine, closeAt - lines.lineStart(closeLine), argument.length()});
        }
        out.append(code, copied, code.length());
        return new Result(out.toString(), MappingShift.apply(mappings, shifts));
    }

    /** A candidate call: code-point offsets of where GraalJS reports it and of its end, and the local name it uses. */
    record Call(int reportedAt, int end, String name, boolean namespace) {
    }

    /**
     * creact's {@code useInstance} calls of the generated module, in order of their ends: from {@link CallScan}'s
     * token scan when it is sure of its answer (offsets are then UTF-16 indexes, the same as code points since the
     * scan reads only code without surrogates), else from swc's AST.
     */
    static List<Call> findCalls(Swc4j swc, String code) {
        if (scanEnabled && code.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            List<Call> scanned = CallScan.find(code);
            if (scanned != null) {
                return scanned;
            }
        }
        return findInAst(swc, code);
    }

    /** Off only in tests that hold the scan against the AST path (package-private on purpose). */
    static volatile boolean scanEnabled = true;

    /** creact's {@code useInstance} calls of the generated module, from swc's AST, in order of their ends. */
    static List<Call> findInAst(Swc4j swc, String code) {
        var direct = new HashSet<String>();     // local names of useInstance imported from "creact"
        var namespaces = new HashSet<String>(); // local names of `import * as ns from "creact"`
        var declared = new HashSet<String>();   // every name a declaration binds (other than the imports)
        var candidates = new ArrayList<Call>();
        var visitor = new Swc4jAstVisitor() {
            @Override
            public Swc4jAstVisitorResponse visitImportDecl(Swc4jAstImportDecl node) {
                if (!node.isTypeOnly() && MODULE.equals(node.getSrc().getValue())) {
                    for (var specifier : node.getSpecifiers()) {
                        if (specifier instanceof Swc4jAstImportNamedSpecifier named && !named.isTypeOnly()) {
                            String imported = named.getImported().map(n -> n instanceof Swc4jAstIdent i ? i.getSym()
                                    : n instanceof Swc4jAstStr s ? s.getValue() : null).orElse(named.getLocal().getSym());
                            if (HOOK.equals(imported)) {
                                direct.add(named.getLocal().getSym());
                            }
                        } else if (specifier instanceof Swc4jAstImportStarAsSpecifier star) {
                            namespaces.add(star.getLocal().getSym());
                        }
                    }
                }
                return Swc4jAstVisitorResponse.OkAndContinue;
            }

            @Override
            public Swc4jAstVisitorResponse visitBindingIdent(Swc4jAstBindingIdent node) {
                declared.add(node.getId().getSym());
                return super.visitBindingIdent(node);
            }

            @Override
            public Swc4jAstVisitorResponse visitFnDecl(Swc4jAstFnDecl node) {
                declared.add(node.getIdent().getSym());
                return super.visitFnDecl(node);
            }

            @Override
            public Swc4jAstVisitorResponse visitFnExpr(Swc4jAstFnExpr node) {
                node.getIdent().ifPresent(i -> declared.add(i.getSym()));
                return super.visitFnExpr(node);
            }

            @Override
            public Swc4jAstVisitorResponse visitClassDecl(Swc4jAstClassDecl node) {
                declared.add(node.getIdent().getSym());
                return super.visitClassDecl(node);
            }

            @Override
            public Swc4jAstVisitorResponse visitClassExpr(Swc4jAstClassExpr node) {
                node.getIdent().ifPresent(i -> declared.add(i.getSym()));
                return super.visitClassExpr(node);
            }

            @Override
            public Swc4jAstVisitorResponse visitCallExpr(Swc4jAstCallExpr node) {
                var args = node.getArgs();
                if (args.size() == 2 && !node.isSpreadPresent() && node.getTypeArgs().isEmpty()) {
                    if (node.getCallee() instanceof Swc4jAstIdent ident) {
                        candidates.add(new Call(ident.getSpan().getStart(), node.getSpan().getEnd(), ident.getSym(), false));
                    } else if (node.getCallee() instanceof Swc4jAstMemberExpr member
                            && member.getObj() instanceof Swc4jAstIdent ns
                            && member.getProp() instanceof Swc4jAstIdentName prop && HOOK.equals(prop.getSym())) {
                        candidates.add(new Call(prop.getSpan().getStart(), node.getSpan().getEnd(), ns.getSym(), true));
                    }
                }
                return super.visitCallExpr(node);
            }
        };
        try {
            var options = new Swc4jParseOptions()
                    .setMediaType(Swc4jMediaType.JavaScript)
                    .setParseMode(Swc4jParseMode.Module)
                    .setCaptureAst(false)
                    .setSpecifier(Path.of("/__creact__/call-sites.js").toUri().toURL());
            options.setPluginHost(program -> {
                program.visit(visitor);
                return false; // read only: an AST handed back to swc would lose its spans
            });
            swc.parse(code, options);
        } catch (Swc4jCoreException | MalformedURLException | RuntimeException e) {
            return List.of(); // swc's own output that does not parse again: the stack path stays
        }
        var calls = new ArrayList<Call>();
        for (Call c : candidates) {
            Set<String> names = c.namespace ? namespaces : direct;
            if (names.contains(c.name) && !declared.contains(c.name)) {
                calls.add(c);
            }
        }
        calls.sort((a, b) -> Integer.compare(a.end, b.end));
        return calls;
    }

    /**
     * Whether the code has a line terminator other than {@code \n}: lines would then be counted differently by
     * GraalJS, swc's source map and this pass, so such a module keeps the stack path.
     */
    private static boolean hasOtherLineTerminators(String code) {
        return code.indexOf('\r') >= 0 || code.indexOf('\u2028') >= 0 || code.indexOf('\u2029') >= 0;
    }

    /** Lines of the generated code, and swc4j's code-point offsets as UTF-16 indexes (GraalJS's columns). */
    private static final class LineIndex {
        private final String code;
        private final int[] starts;
        private final boolean bmpOnly;

        LineIndex(String code) {
            this.code = code;
            var list = new ArrayList<Integer>();
            list.add(0);
            boolean bmp = true;
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c == '\n') {
                    list.add(i + 1);
                } else if (Character.isSurrogate(c)) {
                    bmp = false;
                }
            }
            this.starts = list.stream().mapToInt(Integer::intValue).toArray();
            this.bmpOnly = bmp;
        }

        int utf16(int codePointOffset) {
            return bmpOnly ? codePointOffset : code.offsetByCodePoints(0, codePointOffset);
        }

        /** The 1-based line of a UTF-16 index. */
        int lineOf(int index) {
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= index) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo + 1;
        }

        int lineStart(int line) {
            return starts[line - 1];
        }
    }
}
