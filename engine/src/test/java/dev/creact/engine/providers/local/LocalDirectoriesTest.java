package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.creact.engine.providers.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("local:Directory makes folders and never deletes what is in them")
class LocalDirectoriesTest {
    @TempDir
    Path root;
    final LocalProvider local = new LocalProvider();

    ResourceRequest dir(String path) {
        return create(root, "site.out", "local:Directory", "{'path':'" + path + "'}");
    }

    @Test
    @DisplayName("create makes nested folders; read sees them; deleting an empty one removes it")
    void lifecycle() throws Exception {
        ResourceResult r = local.create(dir("out/dev"));
        Path folder = root.resolve("out/dev");
        assertTrue(Files.isDirectory(folder));
        assertEquals(folder.toString(), r.outputs().get("path").asText());
        assertEquals(r.outputs(), local.read(dir("out/dev")).orElseThrow().outputs());
        local.create(dir("out/dev")); // creating an existing folder is fine

        local.delete(dir("out/dev"));
        assertFalse(Files.exists(folder));
        assertTrue(local.read(dir("out/dev")).isEmpty());
        local.delete(dir("out/dev"));
    }

    @Test
    @DisplayName("deleting a folder that has files is refused (transiently: files being deleted meanwhile get time), names the first files, and leaves them alone")
    void notEmpty() throws Exception {
        local.create(dir("data"));
        for (int i = 1; i <= 7; i++) {
            Files.writeString(root.resolve("data/f" + i + ".txt"), "keep me");
        }
        var e = assertThrows(ProviderException.class, () -> local.delete(dir("data")));
        assertTrue(e.isTransient(), "retried: files of the same deploy may be on their way out");
        assertTrue(e.getMessage().contains("site.out") && e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(e.getMessage().contains("7 entries: f1.txt, f2.txt, f3.txt, f4.txt, f5.txt, …"), e.getMessage());
        assertEquals("keep me", Files.readString(root.resolve("data/f7.txt")));
    }

    @Test
    @DisplayName("a folder outside the project, or the project itself, is refused")
    void escapes() {
        for (String path : new String[]{"..", "../sibling", "."}) {
            var e = assertThrows(ProviderException.class, () -> local.create(dir(path)), path);
            assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
        }
        assertThrows(ProviderException.class, () -> local.delete(dir(".")));
        assertTrue(Files.isDirectory(root));
    }
}
