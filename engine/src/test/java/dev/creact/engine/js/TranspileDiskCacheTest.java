package dev.creact.engine.js;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transpile cache on disk: a later process with the same sources reads them back and never loads swc. */
@DisplayName("Transpile cache on disk")
class TranspileDiskCacheTest {
    private static final String SOURCE = "import { useInstance } from \"creact\";\n"
            + "export default function App() {\n  return <Thing key=\"a\" size={2} />;\n}\n";

    @TempDir
    Path project;

    @Test
    @DisplayName("a second transpiler (a second process) reads the module back without loading swc, with the same code and source map")
    void secondProcessSkipsSwc() {
        Path file = project.resolve("infrastructure.tsx");
        var disk = TranspileDiskCache.under(project);
        var first = new Transpiler();
        var made = first.transpile(file, SOURCE, EvaluationMeter.unmetered(), disk);
        assertTrue(first.swcLoaded());

        var second = new Transpiler();
        var read = second.transpile(file, SOURCE, EvaluationMeter.unmetered(), disk);
        assertFalse(second.swcLoaded(), "the cached module must not load swc's native library");
        assertEquals(made.code(), read.code());
        assertEquals(made.original(), read.original());
        assertEquals(made.path(), read.path());
        for (int line = 0; line < 6; line++) {
            for (int column = 0; column < 40; column += 3) {
                assertArrayEquals(made.map().toOriginal(line, column), read.map().toOriginal(line, column),
                        "source map at " + line + ":" + column);
            }
        }
    }

    @Test
    @DisplayName("changed text is transpiled again; a transpiler without a disk cache never reads one")
    void changedTextMisses() {
        Path file = project.resolve("infrastructure.tsx");
        var disk = TranspileDiskCache.under(project);
        new Transpiler().transpile(file, SOURCE, EvaluationMeter.unmetered(), disk);
        assertTrue(disk.has(file, SOURCE));
        assertFalse(disk.has(file, SOURCE + "// edited\n"));
        assertFalse(disk.has(project.resolve("other.tsx"), SOURCE), "the path is part of the key (source maps name it)");

        var edited = new Transpiler();
        assertTrue(edited.transpile(file, SOURCE + "// edited\n", EvaluationMeter.unmetered(), disk).code().contains("_jsxDEV"));
        assertTrue(edited.swcLoaded());
        var memoryOnly = new Transpiler();
        memoryOnly.transpile(file, SOURCE, EvaluationMeter.unmetered(), null);
        assertTrue(memoryOnly.swcLoaded());
    }

    @Test
    @DisplayName("the warm-up skips swc when the entry's text is cached, and loads it when it is not")
    void warmUpFollowsTheEntry() throws IOException {
        Path file = project.resolve("infrastructure.tsx");
        Files.writeString(file, SOURCE);
        var cold = new Transpiler();
        cold.warmUpUnlessCached(project, file);
        assertTrue(cold.swcLoaded());
        new Transpiler().transpile(file, SOURCE, EvaluationMeter.unmetered(), TranspileDiskCache.under(project));
        var warm = new Transpiler();
        warm.warmUpUnlessCached(project, file);
        assertFalse(warm.swcLoaded());
    }

    @Test
    @DisplayName("the folder is private (0700, as everything under .creact) and holds at most MAX_ENTRIES files")
    @DisabledOnOs(OS.WINDOWS)
    void privateAndBounded() throws IOException {
        var disk = TranspileDiskCache.under(project);
        for (int i = 0; i < TranspileDiskCache.MAX_ENTRIES + 5; i++) {
            disk.write(project.resolve("f" + i + ".tsx"), "export const a = " + i + ";\n", "export const a = " + i + ";\n", null);
        }
        try (Stream<Path> files = Files.list(disk.folder())) {
            assertEquals(TranspileDiskCache.MAX_ENTRIES, files.count());
        }
        for (Path dir = disk.folder(); !dir.equals(project); dir = dir.getParent()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
        }
        var last = project.resolve("f" + (TranspileDiskCache.MAX_ENTRIES + 4) + ".tsx");
        String text = "export const a = " + (TranspileDiskCache.MAX_ENTRIES + 4) + ";\n";
        assertEquals(text, disk.read(last, text).orElseThrow().code());
    }

    @Test
    @DisplayName("a damaged entry is a miss, not an error")
    void damagedEntryMisses() throws IOException {
        Path file = project.resolve("infrastructure.tsx");
        var disk = TranspileDiskCache.under(project);
        disk.write(file, SOURCE, "code", "AAAA");
        Path entry;
        try (Stream<Path> files = Files.list(disk.folder())) {
            entry = files.findFirst().orElseThrow();
        }
        Files.write(entry, new byte[]{1, 2, 3});
        assertTrue(disk.read(file, SOURCE).isEmpty());
    }
}
