package dev.creact.engine.backend;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {
    @TempDir
    Path dir;

    /** What the file backend's readLog gives last: every line, less the empty ones. */
    private Optional<String> lastOfAllLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast());
    }

    private Optional<String> tail(String content) throws IOException {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Optional<String> read;
        try (var ch = FileChannel.open(file, StandardOpenOption.READ)) {
            read = LogTail.lastLine(ch);
        }
        assertEquals(lastOfAllLines(file), read, "agrees with reading every line");
        return read;
    }

    @Test
    @DisplayName("the last line, past trailing newlines and empty lines")
    void lastLine() throws IOException {
        assertEquals(Optional.of("{\"n\":2}"), tail("{\"n\":1}\n{\"n\":2}\n"));
        assertEquals(Optional.of("{\"n\":2}"), tail("{\"n\":1}\n{\"n\":2}\n\n\n"));
        assertEquals(Optional.of("{\"n\":2}"), tail("{\"n\":1}\r\n{\"n\":2}\r\n"));
    }

    @Test
    @DisplayName("a last line cut short before its newline still counts")
    void cutShort() throws IOException {
        assertEquals(Optional.of("{\"n\":"), tail("{\"n\":1}\n{\"n\":"));
    }

    @Test
    @DisplayName("an empty or blank file has no last line")
    void empty() throws IOException {
        assertEquals(Optional.empty(), tail(""));
        assertEquals(Optional.empty(), tail("\n\n\r\n"));
    }

    @Test
    @DisplayName("lines longer than a block, and multi-byte characters across block edges, come back whole")
    void longLines() throws IOException {
        String first = "a".repeat(5000);
        // 3 bytes a character: block edges (8 KiB) fall inside characters.
        String last = "✓".repeat(7001) + "end";
        assertEquals(Optional.of(last), tail(first + "\n" + last + "\n"));
        assertEquals(Optional.of(first), tail(first + "\n"));
        String many = "x".repeat(100) + "\n";
        assertEquals(Optional.of("last"), tail(many.repeat(500) + "last\n"));
    }
}
