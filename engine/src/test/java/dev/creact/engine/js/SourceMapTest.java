package dev.creact.engine.js;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Transpiling and mapping positions back")
class SourceMapTest {
    @Test
    @DisplayName("VLQ segments decode to original line and column")
    void decode() {
        // Line 1: one segment at column 0 -> source line 0, column 0; "AACA" on line 2 -> original line 1.
        var map = SourceMap.decode("AAAA;AACA,IAAI");
        assertArrayEquals(new int[]{1, 1}, map.toOriginal(1, 1));
        assertArrayEquals(new int[]{2, 1}, map.toOriginal(2, 1));
        assertArrayEquals(new int[]{2, 5}, map.toOriginal(2, 5));
        assertArrayEquals(new int[]{2, 6}, map.toOriginal(2, 6));
    }

    @Test
    @DisplayName("a TSX line moved by type erasure and JSX expansion maps back to where it was written")
    void transpiledPositions() {
        var module = new Transpiler().transpile(Path.of("/p/infrastructure.tsx"), """
                type A = { a: string };
                interface B { b: number }

                export default function App({ a }: A) {
                  const x: B = { b: 1 };
                  return <>
                    <Child value={x.b}
                      other="y"/>
                  </>;
                }
                function Child() { throw new Error("here"); }
                """);
        String[] lines = module.code().split("\n", -1);
        int generated = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("throw new Error")) {
                generated = i + 1;
            }
        }
        assertTrue(generated > 0, module.code());
        int column = lines[generated - 1].indexOf("throw") + 1;
        assertEquals(11, module.map().toOriginal(generated, column)[0]);
        assertTrue(module.code().contains("lineNumber: 7"), "JSX elements carry their original line: " + module.code());
    }

    @Test
    @DisplayName("a syntax error carries the file, line and column")
    void syntaxError() {
        var e = assertThrows(JsSyntaxException.class,
                () -> new Transpiler().transpile(Path.of("/p/x.tsx"), "const a = 1;\nconst b = ;\n"));
        assertEquals(2, e.line());
        assertEquals(11, e.column());
        assertEquals("/p/x.tsx", e.path());
        assertTrue(e.detail().toLowerCase().contains("expression expected"), e.detail());
    }

    @Test
    @DisplayName("an unchanged file is transpiled once")
    void cache() {
        var t = new Transpiler();
        var a = t.transpile(Path.of("/p/a.tsx"), "export const a = <x/>;\n");
        var b = t.transpile(Path.of("/p/a.tsx"), "export const a = <x/>;\n");
        assertTrue(a == b, "the cached module is returned");
    }
}
