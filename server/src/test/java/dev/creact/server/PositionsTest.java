package dev.creact.server;

import dev.creact.engine.model.SourceSpan;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PositionsTest {
    private static final String TEXT = "line one\n  line two\r\nthree\n";

    @Test
    void engineLinesAndColumnsAreOneBasedAndLspIsZeroBased() {
        assertEquals(new Position(11, 4), Positions.toLsp(new SourceSpan("infrastructure.tsx", 12, 5)));
        assertEquals(new Position(0, 0), Positions.toLsp(1, 1));
        assertEquals(new Position(0, 0), Positions.toLsp(0, 0), "unknown places land on the first character");
        assertArrayEquals(new int[]{12, 5}, Positions.toEngine(new Position(11, 4)));
    }

    @Test
    void rangesRunToTheEndOfTheLine() {
        assertEquals(new Range(new Position(1, 2), new Position(1, 10)), Positions.toEndOfLine(TEXT, new Position(1, 2)));
        assertEquals(new Range(new Position(7, 3), new Position(7, 4)), Positions.toEndOfLine(TEXT, new Position(7, 3)),
                "past the text: one character");
        assertEquals(new Range(new Position(2, 0), new Position(2, 1)), Positions.toEndOfLine(null, new Position(2, 0)));
        assertEquals(new Range(new Position(0, 0), new Position(0, 8)), Positions.wholeLine(TEXT, 0));
    }

    @Test
    void linesDropTheirBreak() {
        assertEquals("  line two", Positions.line(TEXT, 1));
        assertEquals("", Positions.line(TEXT, 3));
        assertNull(Positions.line(TEXT, 4));
    }

    @Test
    void offsetsClampToTheLineAndTheText() {
        assertEquals(0, Positions.offset(TEXT, new Position(0, 0)));
        assertEquals(9, Positions.offset(TEXT, new Position(1, 0)));
        assertEquals(19, Positions.offset(TEXT, new Position(1, 99)), "past the line: its end, before \\r\\n");
        assertEquals(TEXT.length(), Positions.offset(TEXT, new Position(9, 0)));
    }

    @Test
    void utf16CharactersAreJavaChars() {
        String text = "a😀b\n";  // the emoji is two UTF-16 code units, as LSP counts
        assertEquals(3, Positions.offset(text, new Position(0, 3)));
        assertEquals("a😀X\n", Positions.apply(text, new Range(new Position(0, 3), new Position(0, 4)), "X"));
    }

    @Test
    void incrementalEditsApplyInOrder() {
        var store = new DocumentStore();
        Path file = Path.of("/tmp/not-there/infrastructure.tsx");
        store.open(file, 1, TEXT);
        store.change(file, 2, List.of(
                new TextDocumentContentChangeEvent(new Range(new Position(1, 2), new Position(1, 6)), "LINE"),
                new TextDocumentContentChangeEvent(new Range(new Position(3, 0), new Position(3, 0)), "four\n"),
                new TextDocumentContentChangeEvent(new Range(new Position(0, 0), new Position(1, 0)), "")));
        assertEquals("  LINE two\r\nthree\nfour\n", store.text(file));
        store.change(file, 3, List.of(new TextDocumentContentChangeEvent("whole")));
        assertEquals("whole", store.overlays().get(file));
        store.close(file);
        assertNull(store.text(file));
    }
}
