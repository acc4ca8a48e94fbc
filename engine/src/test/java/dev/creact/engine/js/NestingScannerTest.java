package dev.creact.engine.js;

import dev.creact.engine.js.NestingScanner.Dialect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@DisplayName("The nesting pre-scan counts the levels a parser would recurse into, and nothing else")
class NestingScannerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "const x = ((1));                        | 2",
            "const x = [[1], [2, [3]]];              | 3",
            "function f() { return { a: { b: 1 } }; } | 3",
            "const s = `a${`b${c}`}`;                | 2",
            "const s = '((((' + \"[[[[\";            | 0",
            "// ((((((\\nconst x = 1;                | 0",
            "/* [[[[ */ const x = (1);               | 1",
            "const r = /[(]+\\/{/g.test(s);          | 1",
            "const q = a / (b) / c;                  | 1",
            "if (x) /((/.test(y);                    | 1",
            "const t = `((( ${ '}' } [[[`;           | 1",
    })
    @DisplayName("TypeScript: brackets, braces and substitutions count; strings, comments, regexes and template text do not")
    void typescript(String source, int depth) {
        assertEquals(depth, NestingScanner.maxDepth(source.replace("\\n", "\n"), Dialect.TS), source);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "const e = <a><b><c/></b></a>;                   | 3",
            "const e = <a>don't (( [[ </a>;                  | 1",
            "const e = <a b={[1]} c=\"((\">{x}</a>;           | 3",
            "const e = <><A/><B/></>;                        | 2",
            "const f = <T,>(x: T) => [x];                    | 1",
            "const f = <T extends X>(x: T) => x;             | 1",
            "type F = <T>(x: T) => T;                        | 1",
            "const e = cond ? <a/> : <b>{[1]}</b>;           | 3",
            "const e = <a>{list.map((i) => <b key={i}/>)}</a>; | 5",
    })
    @DisplayName("TSX: JSX elements count as levels; JSX text and generic arrows are not misread")
    void tsx(String source, int depth) {
        assertEquals(depth, NestingScanner.maxDepth(source, Dialect.JSX), source);
    }

    @Test
    @DisplayName("in a .ts file a '<' is never JSX")
    void noJsxInTypeScript() {
        assertEquals(1, NestingScanner.maxDepth("const y = <number>(x);", Dialect.TS));
    }

    @Test
    @DisplayName("JSON: only brackets outside strings count")
    void json() {
        assertEquals(3, NestingScanner.maxDepth("{\"a\": [{\"b\": \"]]]}}}[[[[\"}]}", Dialect.JSON));
    }

    @Test
    @DisplayName("the place reported is the opening token that first goes past the limit, 1-based")
    void place() {
        String source = "const a = 1;\n  const b = [[[[1]]]];\n";
        var beyond = NestingScanner.firstBeyond(source, Dialect.TS, 3);
        assertNotNull(beyond);
        assertEquals(2, beyond.line());
        assertEquals(16, beyond.column()); // the fourth '['
        assertNull(NestingScanner.firstBeyond(source, Dialect.TS, 4));
    }

    @Test
    @DisplayName("40,000 parentheses are measured in one pass, without recursion")
    void veryDeep() {
        int n = 40_000;
        String source = "const x = " + "(".repeat(n) + "1" + ")".repeat(n) + ";";
        assertEquals(n, NestingScanner.maxDepth(source, Dialect.TS));
    }

    @Test
    @DisplayName("a string that does not end on its line was misread, and the rest of the line is read as code")
    void unterminatedStringIsRescanned() {
        // A regex the scanner took for a division: its quote must not hide the brackets after it.
        assertEquals(4, NestingScanner.maxDepth("if (a) x = b) /'/; ((((1))))\n", Dialect.TS));
    }

    @Test
    @DisplayName("the weight grows with items times depth (what a pretty-printer's indentation costs)")
    void weight() {
        var flat = NestingScanner.scan("const a = [" + "1,".repeat(1000) + "];", Dialect.TS, 256);
        var deep = NestingScanner.scan("const a = " + "[".repeat(100) + "1,".repeat(1000) + "]".repeat(100) + ";",
                Dialect.TS, 256);
        assertEquals(1000, flat.weight()); // 1,000 commas at depth 1, the final ';' at depth 0
        assertEquals(100_000, deep.weight());
    }

    /**
     * Generated programs whose true depth is known by construction, mixing every construct the scanner has
     * to see through; the scanner must find exactly that depth. Seeded: repetition {@code k} always
     * generates the same programs.
     */
    @RepeatedTest(value = 200, name = "seed {currentRepetition}")
    @DisplayName("random programs: the scanner finds the depth they were built with")
    void randomPrograms(RepetitionInfo repetition) {
        var random = new Random(repetition.getCurrentRepetition());
        var generator = new Nest(random);
        int target = 1 + random.nextInt(60);
        String expression = generator.expression(target);
        String program = generator.noise() + "\nexport const value = " + expression + ";\n" + generator.noise();
        assertEquals(target, NestingScanner.maxDepth(program, Dialect.JSX),
                () -> "seed " + repetition.getCurrentRepetition() + ":\n" + program);
    }

    /** Builds expressions of an exact depth out of brackets, substitutions and JSX, with decoys around them. */
    static final class Nest {
        private final Random random;

        Nest(Random random) {
            this.random = random;
        }

        /** An expression that nests exactly {@code depth} levels. */
        String expression(int depth) {
            if (depth == 0) {
                return leaf();
            }
            int kind = random.nextInt(6);
            if (kind == 4 && depth < 2) {
                kind = 0;
            }
            return switch (kind) {
                case 0 -> "(" + expression(depth - 1) + ")";
                case 1 -> "[" + expression(depth - 1) + sibling(depth) + "]";
                case 2 -> "{ k: " + expression(depth - 1) + (random.nextBoolean() ? ", j: " + shallow(depth) : "") + " }";
                case 3 -> "`t " + decoy(false) + "${" + expression(depth - 1) + "}`";
                // an element (one level) whose expression container is another
                case 4 -> "<El a=\"" + decoy(false) + "\">" + decoy(true) + "{" + expression(depth - 2) + "}</El>";
                default -> "f(" + expression(depth - 1) + sibling(depth) + ")";
            };
        }

        /** Sometimes a second, shallower element beside the deep one. */
        private String sibling(int depth) {
            return random.nextInt(4) == 0 ? ", " + shallow(depth) : "";
        }

        private String shallow(int depth) {
            return expression(Math.min(depth - 1, random.nextInt(3)));
        }

        private String leaf() {
            return switch (random.nextInt(5)) {
                case 0 -> "1";
                case 1 -> "'" + decoy(false) + "'";
                case 2 -> "/[(]{2}\\//g";
                case 3 -> "x /* " + decoy(false) + " */";
                default -> "`" + decoy(false) + "`";
            };
        }

        /**
         * Text full of brackets that is not code: it goes into strings, comments, template text or (with
         * {@code jsxText}, without braces and angle brackets, which JSX text may not hold) JSX text.
         */
        private String decoy(boolean jsxText) {
            String[] parts = jsxText ? new String[]{"(((", "[[", ")", "]", "//", "*", "don't"}
                    : new String[]{"(((", "[[", "{", "}}", ")", "]", "//", "*", "#"};
            var sb = new StringBuilder();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append(parts[random.nextInt(parts.length)]).append(' ');
            }
            return sb.toString();
        }

        /** Statements around the expression: comments, strings and regexes with brackets in them. */
        String noise() {
            return switch (random.nextInt(4)) {
                case 0 -> "// " + decoy(false);
                case 1 -> "const s = \"" + decoy(false) + "\";";
                case 2 -> "const r = /\\(\\[\\{/;";
                default -> "/* " + decoy(false) + " */";
            };
        }
    }
}
