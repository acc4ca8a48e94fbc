package dev.creact.engine.render;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The memo's import list of a module: the pattern tried at line starts only, the same as a find over every position. */
@DisplayName("a module's imports for the memo's hashes")
class ModuleImportsTest {
    /** The reference: the pattern's find over the whole text, as the hashes were worked out before. */
    private static List<String> byFind(String code) {
        var out = new ArrayList<String>();
        var m = RenderMemo.IMPORT.matcher(code);
        while (m.find()) {
            out.add(m.group(2) != null ? m.group(2) : m.group(4));
        }
        return out;
    }

    @Test
    @DisplayName("imports and re-exports at line starts, across lines, side-effect imports; not in the middle of a line")
    void shapes() {
        String code = """
                import { useInstance } from "creact";
                  import * as x from './x.js';


                import {
                  a,
                  b
                } from "../lib/ab";
                import "./side.css";
                export { c } from "./c"; import { d } from "./d";
                export const e = 1;
                const s = "import { no } from 'nope'";
                importer("./not");
                \texport * from "./all";
                """;
        List<String> expected = List.of("creact", "./x.js", "../lib/ab", "./side.css", "./c", "./all");
        assertEquals(expected, byFind(code), "the reference itself");
        assertEquals(expected, RenderMemo.importsOf(code));
    }

    private static final String[] LINES = {
            "import { a } from \"./a\";", "import * as b from './b';", "import \"./c\";", "export { d } from \"./d\";",
            "export const e = 1;", "const f = `import { g } from \"./g\"`;", "  import {", "  h,", "} from \"./h\";",
            "", "   ", "\t", "importx(1);", "exporter();", "x; import { i } from \"./i\";", "import j from \"./j\"",
            "\r", "import { k }\r\nfrom \"./k\";", "/* import { l } from './l' */", "x;\rimport { m } from \"./m\";", "y;\u2028export * from './n';", "export default function L() {}",
    };

    @RepeatedTest(value = 300, name = "seed {currentRepetition}")
    @DisplayName("random modules give the same imports as the find over every position")
    void randomModules(RepetitionInfo repetition) {
        var random = new Random(repetition.getCurrentRepetition());
        String code = dev.creact.engine.js.RandomLines.text(random, LINES);
        assertEquals(byFind(code), RenderMemo.importsOf(code), code);
    }
}
