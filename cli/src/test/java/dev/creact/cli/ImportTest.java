package dev.creact.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Import: adopting a file that exists already, by command and by prop")
class ImportTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() throws Exception {
        savedOut = System.out;
        savedErr = System.err;
        var both = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/existing.txt"), "made by hand");
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    int creact(String... args) {
        out.reset();
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--no-color", "--project", dir.toString()));
        return Main.run(all.toArray(String[]::new));
    }

    String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    void code(String props) throws Exception {
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { LocalFile } from "creact/local";
                export default function App() { return <LocalFile key="file" path="out/existing.txt" PROPS />; }
                """.replace("PROPS", props));
    }

    @Test
    @DisplayName("creact import adopts the file as it is: the plan then shows only how the code differs, and never creates it")
    void importCommand() throws Exception {
        code("content=\"made by hand\"");
        assertEquals(0, creact("import", "file", "out/existing.txt"), printed());
        assertEquals(0, creact("plan", "--detailed-exitcode"), printed());
        assertTrue(printed().contains("No changes"), printed());

        code("content=\"as the code says\"");
        assertEquals(2, creact("plan", "--detailed-exitcode"), printed());
        assertTrue(printed().contains("~ local:File file"), printed());
        assertTrue(printed().contains("content: \"made by hand\" -> \"as the code says\""), printed());
        assertEquals(1, creact("import", "file", "out/existing.txt"));
        assertTrue(printed().contains("'file' is in the state already"), printed());
    }

    @Test
    @DisplayName("import is refused for a resource the code does not declare, and for a path where nothing is")
    void importRefusals() throws Exception {
        code("content=\"x\"");
        assertEquals(1, creact("import", "fil", "out/existing.txt"));
        assertTrue(printed().contains("no resource 'fil' is declared in infrastructure.tsx; did you mean 'file'?"), printed());
        Files.delete(dir.resolve("out/existing.txt"));
        assertEquals(1, creact("import", "file", "out/existing.txt"));
        assertTrue(printed().contains("there is no local:File at out/existing.txt to import"), printed());
        assertEquals(0, creact("state", "list"), printed());
        assertTrue(printed().contains("holds no resources"), "nothing was written: " + printed());
    }

    @Test
    @DisplayName("an import prop adopts the file during the deploy instead of creating it, then the deploy makes it as the code says")
    void importProp() throws Exception {
        code("content=\"as the code says\" import=\"out/existing.txt\"");
        assertEquals(0, creact("plan"), printed());
        assertTrue(printed().contains("(imports out/existing.txt instead of creating it)"), printed());
        assertEquals(0, creact("deploy", "--auto-approve"), printed());
        assertEquals("as the code says", Files.readString(dir.resolve("out/existing.txt")));
        assertTrue(printed().contains("in 2 cycles"), "imported, then updated: " + printed());
        assertEquals(0, creact("plan", "--detailed-exitcode"), printed());
    }
}
