package dev.creact.engine.js;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line-start pattern tried at line starts only finds what a find over every position finds. */
@DisplayName("matches of a line-start pattern, tried at line starts only")
class LineStartMatchesTest {
    private static List<String> byFind(Pattern pattern, String text) {
        var out = new ArrayList<String>();
        var m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.start() + ":" + m.group());
        }
        return out;
    }

    private static List<String> atLineStarts(Pattern pattern, String text) {
        return LineStartMatches.of(pattern, text, (t, i) -> true).stream().map(m -> m.start() + ":" + m.group()).toList();
    }

    @Test
    @DisplayName("the top-level declarations of a module, at column 0 only")
    void declarations() {
        String code = "export function A() {}\n  function nested() {}\nconst b = 1;\nexport default async function* C() {}\n"
                + "let\nd = 2;\nx; var e;\nvar f";
        assertEquals(List.of("A", "b", "C", "d", "f"), TopLevelFunctions.declaredNames(code));
        assertEquals(byFind(TopLevelFunctions.DECLARATION, code), atLineStarts(TopLevelFunctions.DECLARATION, code));
    }

    private static final String[] LINES = {
            "export function A() {}", "function b() {", "}", "  const c = 1;", "const d = () => 1;", "let", "e = 2;",
            "export default function F() {}", "export\n\nconst g = 1;", "async function* h() {}", "var i, j;", "", " ",
            "x; const k = 1;", "`", "const l = `\nfunction m() {}\n`;", "exportfunction n() {}", "\r", "const o\r\n= 1;",
            "y;\rconst p = 1;", "z;\u2028let q;",
    };

    @RepeatedTest(value = 300, name = "seed {currentRepetition}")
    @DisplayName("random texts: the same matches, at the same places, as the find")
    void randomTexts(RepetitionInfo repetition) {
        var random = new Random(repetition.getCurrentRepetition());
        String text = RandomLines.text(random, LINES);
        assertEquals(byFind(TopLevelFunctions.DECLARATION, text), atLineStarts(TopLevelFunctions.DECLARATION, text),
                text);
        var m = TopLevelFunctions.DECLARATION.matcher(text);
        var names = new ArrayList<String>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(names, TopLevelFunctions.declaredNames(text), "with TopLevelFunctions' line filter");
    }
}
