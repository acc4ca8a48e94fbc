package dev.creact.engine.js;

import com.caoccao.javet.swc4j.Swc4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call-site pass's token scan ({@link CallScan}) against its AST path: the same calls whenever the scan answers. */
@DisplayName("useInstance calls by token scan, held against swc's AST")
class CallScanTest {
    private static Swc4j swc;

    @BeforeAll
    static void start() {
        swc = new Swc4j();
    }

    private static final String IMPORTS = """
            import { useInstance } from "creact";
            import * as creact from "creact";
            import { MockResource } from "creact/mock";
            """;

    @Test
    @DisplayName("the generated code of a component declaring 1,000 resources is read by the scan, with every call found")
    void largeComponent() {
        var source = new StringBuilder(IMPORTS).append("export default function Stack() {\n");
        for (int i = 0; i < 1000; i++) {
            source.append("  const r").append(i).append(" = useInstance(MockResource, { key: \"r").append(i)
                    .append("\", size: ").append(i % 7).append(i >= 10 ? ", after: r" + (i - 10) + ".outputs.id" : "")
                    .append(" });\n");
        }
        source.append("  return null;\n}\n");
        String code; // swc's own output, as the pass is given it
        CallSites.enabled = false;
        try {
            code = new Transpiler().transpile(Path.of("/p/infrastructure.tsx"), source.toString()).code();
        } finally {
            CallSites.enabled = true;
        }
        var scanned = CallScan.find(code);
        assertNotNull(scanned, "the scan gave up");
        assertEquals(1000, scanned.size());
        assertEquals(CallSites.findInAst(swc, code), scanned);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("shapes the scan reads: the same calls as the AST")
    @ValueSource(strings = {
            "useInstance(MockResource, {key: 'a'}); useInstance(MockResource, {key: 'b'});",
            "const x = cond ? useInstance(A, {}) : null;",
            "const made = Array.from({length: 3}, (_, i) => useInstance(A, {key: `m${i}`}));",
            "useInstance(A, {inner: useInstance(B, {}).id, list: [1, 2, (3)]});",
            "const t = `${useInstance(A, {k: `x${1 + 2}y`})}`;",
            "const s = 'useInstance(A, B)' + \"useInstance(C, D)\"; // useInstance(E, F)\n/* useInstance(G, H) */",
            "const r = /\\(useInstance\\(/g.test(s); const q = a / b / c; useInstance(A, {r});",
            "if (x) /useInstance(a, b)/.test(y); useInstance(A, {});",
            "creact.useInstance(A, {}); creact\n  .useInstance(B, {k: 1}); creact.other(A, B); creact?.useInstance(A, B);",
            "useInstance(A); useInstance(A, B, C); useInstance(...args); useInstance(A, ...rest); useInstance(A, B,);",
            "other.useInstance(A, B); obj?.useInstance(A, B); x.creact.useInstance(A, B);",
            "function f() { return useInstance(A, {}); } for (const x of useInstance(A, B)) {} x = typeof useInstance(A, B);",
            "const n = 1e-5 + 0x1F + .5 + 1000n; const z = x++ + 1; useInstance(A, {n});",
            "const s = \"café – ü\"; /* naïve */ useInstance(A, {s, t: `ß${s}`}); // ©\nuseInstance(B, {});",
    })
    void readShapes(String body) {
        String code = IMPORTS + body + "\n";
        var scanned = CallScan.find(code);
        assertNotNull(scanned, "the scan gave up on a shape it should read");
        assertEquals(CallSites.findInAst(swc, code), scanned);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("uses the scan cannot stand for: it gives up, and the AST path answers")
    @ValueSource(strings = {
            "const declare = useInstance; declare(A, B);",
            "const go = (useInstance) => useInstance(A, B);",
            "function useInstance2() {} function f(a, useInstance) { return useInstance(A, B); }",
            "const o = { useInstance(a, b) { return 1; } };",
            "class K { useInstance(a, b) {} }",
            "const o = { useInstance: 1 };",
            "new useInstance(A, B);",
            "(0, useInstance)(A, B);",
            "x = {} / 2; useInstance(A, B);",
            "x = y++ / 2; useInstance(A, B);",
            "const café = 1; useInstance(A, B);",
            "const creactAlias = creact; creactAlias.useInstance(A, B);",
            "function g(creact) { return creact.useInstance(A, B); }",
            "export { useInstance };",
    })
    void givesUp(String body) {
        String code = IMPORTS + body + "\n";
        assertNull(CallScan.find(code));
        assertEquals(CallSites.findInAst(swc, code), CallSites.findCalls(swc, code));
    }

    @Test
    @DisplayName("a module that imports nothing of creact has no calls, and a useInstance of its own is not one")
    void noImport() {
        String code = "function useInstance(a, b) { return a; }\nexport const v = useInstance(1, 2);\n";
        assertEquals(List.of(), CallScan.find(code));
        assertEquals(List.of(), CallSites.findInAst(swc, code));
    }

    @Test
    @DisplayName("an aliased import and a string-named import")
    void aliased() {
        String code = "import { useInstance as declareIt, \"useInstance\" as again } from \"creact\";\n"
                + "declareIt(A, {}); again(B, {}); useInstance(C, {});\n";
        var scanned = CallScan.find(code);
        assertNotNull(scanned);
        assertEquals(2, scanned.size());
        assertEquals(CallSites.findInAst(swc, code), scanned);
    }

    private static final String[] PIECES = {
            "useInstance(A, {key: 'k'});",
            "useInstance(A, {key: `t${i}`, n: useInstance(B, {}).id});",
            "const v = useInstance(A, {list: [1, {x: (2)}], f: () => 3});",
            "creact.useInstance(A, {});",
            "creact.useInstance(A);",
            "useInstance(A, B, C);",
            "useInstance(...xs);",
            "x.useInstance(A, B);",
            "s = 'useInstance(A, B)';",
            "s = \"a\\\"useInstance(A, B)\";",
            "// useInstance(A, B)\n",
            "/* ) ( useInstance(A, B) */",
            "t = `a ${ `b ${useInstance(A, {})}` } useInstance(C, D)`;",
            "r = /[/(]useInstance[(]/.source;",
            "q = a / b;",
            "if (a) /x/.test(b);",
            "while (f(a)) { break; }",
            "function h(p) { return p ? useInstance(A, {p}) : null; }",
            "const o = {a: 1, b: [2, 3]};",
            "x = a ? b : c;",
            "n = 0x10 + 1e3 + .25;",
            "label: for (const k of ks) { continue label; }",
    };

    /** Pieces the scan gives up on, mixed in now and then so that giving up is also exercised at random. */
    private static final String[] ODD = {
            "const u = useInstance;",
            "x = {} / 2;",
            "const o2 = { useInstance(a, b) {} };",
    };

    @RepeatedTest(value = 200, name = "seed {currentRepetition}")
    @DisplayName("random modules: whenever the scan answers, the AST path gives the same calls")
    void randomModules(RepetitionInfo repetition) {
        var random = new Random(repetition.getCurrentRepetition());
        var code = new StringBuilder(IMPORTS).append("export default function App() {\n");
        int pieces = 1 + random.nextInt(30);
        for (int i = 0; i < pieces; i++) {
            String piece = random.nextInt(40) == 0 ? ODD[random.nextInt(ODD.length)] : PIECES[random.nextInt(PIECES.length)];
            code.append(random.nextBoolean() ? "  " : "").append(piece).append(random.nextBoolean() ? "\n" : " ");
        }
        code.append("\n  return null;\n}\n");
        var scanned = CallScan.find(code.toString());
        var fromAst = CallSites.findInAst(swc, code.toString());
        if (scanned != null) {
            assertEquals(fromAst, scanned, code.toString());
        }
        ANSWERED.add(scanned != null);
    }

    private static final List<Boolean> ANSWERED = java.util.Collections.synchronizedList(new ArrayList<>());

    @org.junit.jupiter.api.AfterAll
    static void theScanAnsweredMostRandomModules() {
        if (ANSWERED.size() == 200) { // only when the whole random test ran
            long answered = ANSWERED.stream().filter(b -> b).count();
            assertTrue(answered > 100, "the scan answered only " + answered + " of 200 random modules");
        }
    }
}
