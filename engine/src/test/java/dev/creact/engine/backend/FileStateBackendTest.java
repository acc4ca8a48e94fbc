package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.SourceSpan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The file backend keeps state safely")
class FileStateBackendTest {
    @TempDir
    Path dir;

    static CloudDom dom(String content) {
        var props = JsonNodeFactory.instance.objectNode().put("path", "out/a").put("content", content);
        var node = new Node("site.file", List.of("site"), "local:File", props, List.of(),
                JsonNodeFactory.instance.objectNode().put("sha256", "abc"), null, new SourceSpan("infrastructure.tsx", 3, 5));
        return new CloudDom(1, "dev", List.of(node), Map.of("site", List.of(JsonNodeFactory.instance.numberNode(7))));
    }

    @Test
    @DisplayName("nothing deployed reads as empty")
    void empty() {
        assertTrue(new FileStateBackend(dir).read("dev").isEmpty());
    }

    @Test
    @DisplayName("a written state reads back equal, with a growing serial and the previous copy as backup")
    void roundTrip() throws Exception {
        var backend = new FileStateBackend(dir);
        assertEquals(1, backend.write("dev", dom("one"), 0));
        byte[] first = Files.readAllBytes(backend.stateFile("dev"));
        assertEquals(2, backend.write("dev", dom("two"), 1));
        var snapshot = backend.read("dev").orElseThrow();
        assertEquals(2, snapshot.serial());
        assertEquals(dom("two"), snapshot.cloudDom());
        assertArrayEquals(first, Files.readAllBytes(backend.backupFile("dev")));
        assertTrue(Files.readString(backend.stateFile("dev")).contains("\"checksum\" : \"sha256:"));
        try (var files = Files.list(backend.stackDir("dev"))) {
            assertEquals(List.of("state.json", "state.json.bak", "state.json.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files are left behind");
        }
    }

    @Test
    @DisplayName("a hand-edited file is refused, names the file, says how to recover, and is not overwritten")
    void handEdited() throws Exception {
        var backend = new FileStateBackend(dir);
        backend.write("dev", dom("one"), 0);
        backend.write("dev", dom("two"), 1);
        Path file = backend.stateFile("dev");
        String edited = Files.readString(file).replace("\"two\"", "\"three\"");
        Files.writeString(file, edited);
        var e = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(e.getMessage().contains("state.json"), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("cp "), "suggests restoring the backup: " + e.getMessage());
        assertThrows(StateCorruptException.class, () -> backend.write("dev", dom("four"), 2));
        assertEquals(edited, Files.readString(file), "the corrupt file is kept as it was");
    }

    @Test
    @DisplayName("a truncated file is refused")
    void truncated() throws Exception {
        var backend = new FileStateBackend(dir);
        backend.write("dev", dom("one"), 0);
        Path file = backend.stateFile("dev");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var e = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(file, "");
        assertTrue(assertThrows(StateCorruptException.class, () -> backend.read("dev")).getMessage().contains("empty"));
    }

    @Test
    @DisplayName("a file from a newer format version is refused with an upgrade hint")
    void newerVersion() throws Exception {
        var backend = new FileStateBackend(dir);
        Files.createDirectories(backend.stackDir("dev"));
        var content = JsonNodeFactory.instance.objectNode().put("formatVersion", 99).put("stack", "dev").put("serial", 1);
        var doc = JsonNodeFactory.instance.objectNode().put("checksum", FileStateBackend.checksum(content));
        doc.set("content", content);
        Files.writeString(backend.stateFile("dev"), doc.toString());
        var e = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(e.getMessage().contains("newer creact"), e.getMessage());
    }

    @Test
    @DisplayName("stack names cannot escape the state folder")
    void stackNames() {
        var backend = new FileStateBackend(dir);
        assertThrows(IllegalArgumentException.class, () -> backend.read("../../etc"));
        assertThrows(IllegalArgumentException.class, () -> backend.read(""));
        assertFalse(backend.stackDir("prod-eu.1").toString().contains(".."));
    }

    @Test
    @DisplayName("a missing state.json with a backup is refused, naming the backup's serial and the recovery; a write does not start over")
    void lostState() throws Exception {
        var backend = new FileStateBackend(dir);
        backend.write("dev", dom("one"), 0);
        backend.write("dev", dom("two"), 1);
        Files.delete(backend.stateFile("dev"));
        assertTrue(backend.stateVersion("dev").isPresent(), "a lost state is not \"nothing deployed\"");
        var e = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("state.json.bak (serial 1)"), e.getMessage());
        assertTrue(e.getMessage().contains("cp "), e.getMessage());
        assertTrue(e.getMessage().contains("creact stack rm dev --force"), e.getMessage());
        assertThrows(StateCorruptException.class, () -> backend.write("dev", dom("fresh"), 0));
        assertFalse(Files.exists(backend.stateFile("dev")));
    }

    @Test
    @DisplayName("the corrupt-state message says which serial the backup holds, or that it is damaged too")
    void backupSerialNamed() throws Exception {
        var backend = new FileStateBackend(dir);
        backend.write("dev", dom("one"), 0);
        backend.write("dev", dom("two"), 1);
        backend.write("dev", dom("three"), 2);
        Path file = backend.stateFile("dev");
        Files.writeString(file, Files.readString(file).replace("\"three\"", "\"edited\""));
        var e = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(e.getMessage().contains("(serial 2)"), "the backup is one serial old, and says so: " + e.getMessage());
        Files.writeString(backend.backupFile("dev"), "{\"checksum\": \"sha256:0\", \"content\": {}}");
        var both = assertThrows(StateCorruptException.class, () -> backend.read("dev"));
        assertTrue(both.getMessage().contains("damaged too"), both.getMessage());
        assertFalse(both.getMessage().contains("restore the last good copy"), both.getMessage());
    }

    @Test
    @DisplayName("a first deployment interrupted before any state was written is not a lost state (resume replays it)")
    void firstDeploymentInterruptedIsNotLost() throws Exception {
        var backend = new FileStateBackend(dir);
        var now = java.time.Instant.now().toString();
        backend.writeDeployment("dev", new dev.creact.engine.model.DeploymentState("d1", "dev",
                dev.creact.engine.model.DeploymentStatus.APPLYING, CloudDom.empty("dev"), dom("one"), List.of("site.file"),
                List.of(), List.of(), null, now, now, "u", "h", 1, "creact deploy"));
        assertTrue(backend.read("dev").isEmpty());
        assertEquals(1, backend.write("dev", dom("one"), 0));
    }
}
