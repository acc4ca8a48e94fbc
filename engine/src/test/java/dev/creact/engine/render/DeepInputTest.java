package dev.creact.engine.render;

import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.js.SourceLimits;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input that nests deeper than a parser can follow is refused before parsing, with its place: swc, the
 * native transpiler, would otherwise overflow its stack and kill the process (SIGSEGV), and GraalJS's
 * parser would report "Stack overflow" with no place at all.
 */
@DisplayName("Deeply nested input is a normal error, never a crash")
class DeepInputTest extends EngineSpec {
    private static final String PREFIX = "export default function App() { const x = ";

    @Test
    @DisplayName("40,000 nested parentheses: 'nesting deeper than 256' at the parenthesis that goes past it")
    void deepParentheses() {
        int n = 40_000;
        Problem p = project(PREFIX + "(".repeat(n) + "1" + ")".repeat(n) + "; return null; }\n").onlyProblem(engine);
        assertEquals("nesting-too-deep", p.code(), p.render());
        assertEquals("infrastructure.tsx", p.source().file());
        assertEquals(1, p.source().line());
        // the function body's brace is level 1, so the 256th parenthesis is level 257
        assertEquals(PREFIX.length() + 256, p.source().column());
        assertTrue(p.message().startsWith("nesting deeper than " + SourceLimits.MAX_NESTING + " at infrastructure.tsx:1:"),
                p.message());
        // the engine is still there
        assertTrue(project("export default function App() { return null; }\n").build(engine).ok());
    }

    @Test
    @DisplayName("a valid 30,000-deep array is refused at once, not after a long parse and a time limit")
    void deepValidArray() {
        int n = 30_000;
        Problem p = project(PREFIX + "[".repeat(n) + "1" + "]".repeat(n) + "; return null; }\n").onlyProblem(engine);
        assertEquals("nesting-too-deep", p.code(), p.render());
    }

    @Test
    @DisplayName("deep JSX nesting is refused too")
    void deepJsx() {
        int n = 5_000;
        Problem p = project("export default function App() { return " + "<a>".repeat(n) + "</a>".repeat(n) + "; }\n")
                .onlyProblem(engine);
        assertEquals("nesting-too-deep", p.code(), p.render());
    }

    @Test
    @DisplayName("a deep JavaScript module (not transpiled) is refused at its own place")
    void deepJavaScriptModule() {
        int n = 40_000;
        Problem p = project("import { v } from './deep.js';\nexport default function App() { return v ? null : null; }\n")
                .file("deep.js", "\nexport const v = " + "(".repeat(n) + "1" + ")".repeat(n) + ";\n")
                .onlyProblem(engine);
        assertEquals("nesting-too-deep", p.code(), p.render());
        assertEquals("deep.js", p.source().file());
        assertEquals(2, p.source().line());
    }

    @Test
    @DisplayName("a deep JSON file is refused at its own place")
    void deepJson() {
        int n = 40_000;
        Problem p = project("import data from './data.json';\nexport default function App() { return data ? null : null; }\n")
                .file("data.json", "[".repeat(n) + "]".repeat(n))
                .onlyProblem(engine);
        assertEquals("nesting-too-deep", p.code(), p.render());
        assertEquals("data.json", p.source().file());
        assertEquals(SourceLimits.MAX_NESTING + 1, p.source().column());
    }

    @Test
    @DisplayName("150,000 prefix operators (no brackets to count) do not crash the transpiler either")
    void longOperatorChain() {
        int n = 150_000;
        // swc has the stack for it; GraalJS's parser (Java) may or may not, with its frames as compiled by this
        // JVM: if it runs out, the problem says where
        var r = project(PREFIX + "!".repeat(n) + "true; return null; }\n").build(engine);
        assertTrue(r.ok() || r.problems().size() == 1 && r.problems().getFirst().code().equals("nesting-too-deep")
                && r.problems().getFirst().source().file().equals("infrastructure.tsx"), r.problems().toString());
    }

    @Test
    @DisplayName("a large flat file is fine: the limits are on depth and on depth times size, not on size alone")
    void largeFlatData() {
        var sb = new StringBuilder("export const data = [\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("  { id: ").append(i).append(", name: \"item-").append(i).append("\" },\n");
        }
        sb.append("];\n");
        var r = project("import { data } from './data';\nexport default function App() { return data.length === 20000 ? null : 1; }\n")
                .file("data.ts", sb.toString())
                .build(engine);
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    @DisplayName("a file both large and deep is refused before its transpiled form grows out of hand")
    void largeAndDeep() {
        String deep = "[".repeat(250) + "1,".repeat(10_000) + "]".repeat(250);
        Problem p = project("import { v } from './data';\nexport default function App() { return v ? null : null; }\n")
                .file("data.ts", "export const v = " + deep + ";\n")
                .onlyProblem(engine);
        assertEquals("file-too-large", p.code(), p.render());
        assertEquals("data.ts", p.source().file());
    }

    @Test
    @DisplayName("a file too large for the transpiler's stack is refused with its size")
    void tooLargeToTranspile() {
        var sb = new StringBuilder("export const v = [");
        while (sb.length() < 2_200_000) {
            sb.append("1,");
        }
        sb.append("];\n");
        Problem p = project("import { v } from './big';\nexport default function App() { return v ? null : null; }\n")
                .file("big.ts", sb.toString())
                .onlyProblem(engine);
        assertEquals("file-too-large", p.code(), p.render());
        assertTrue(p.hint().contains(".json"), p.hint());
    }

    @Test
    @DisplayName("a structure nested 100,000 deep at run time is refused as a prop value, not a crash")
    void deepAtRunTime() {
        var r = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  let x: any = 1;
                  for (let i = 0; i < 100000; i++) x = [x];
                  useInstance(MockResource, { key: "m", v: x });
                  return null;
                }
                """).build(engine);
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertEquals("invalid-prop-value", r.problems().getFirst().code(), r.problems().getFirst().render());
    }

    @Test
    @DisplayName("JSX nested 100,000 deep at run time (a component tree built in a loop) is stopped")
    void deepTreeAtRunTime() {
        var r = project("""
                import { jsx } from "creact/jsx-runtime";
                function Box({ children }: any) { return children ?? null; }
                export default function App() {
                  let tree: any = null;
                  for (let i = 0; i < 100000; i++) tree = jsx(Box, { children: tree });
                  return tree;
                }
                """).build(engine);
        assertEquals(1, r.problems().size(), r.problems().toString());
        var code = r.problems().getFirst().code();
        assertTrue(code.equals("render-too-deep") || code.equals("stack-overflow"), r.problems().getFirst().render());
    }
}
