package dev.creact.engine.providers.local;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static dev.creact.engine.providers.Requests.after;
import static dev.creact.engine.providers.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("local:File writes real files under the project root")
class LocalFilesTest {
    static final String HELLO_SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    static final String EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    Path root;
    @TempDir
    Path outside;
    final LocalProvider local = new LocalProvider();

    boolean posix() {
        return root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    @DisplayName("create writes the content, makes parent folders, and returns the absolute path and sha256")
    void writes() throws Exception {
        ResourceResult r = local.create(file("{'path':'out/dev/app.properties','content':'hello'}"));
        Path file = root.resolve("out/dev/app.properties");
        assertEquals("hello", Files.readString(file));
        assertEquals(file.toString(), r.outputs().get("path").asText());
        assertTrue(Path.of(r.outputs().get("path").asText()).isAbsolute());
        assertEquals(HELLO_SHA, r.outputs().get("sha256").asText());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of("app.properties"), files.map(p -> p.getFileName().toString()).toList(),
                    "the temporary file was renamed, not left behind");
        }
    }

    @Test
    @DisplayName("content defaults to empty")
    void emptyContent() throws Exception {
        ResourceResult r = local.create(file("{'path':'empty.txt'}"));
        assertEquals(0, Files.size(root.resolve("empty.txt")));
        assertEquals(EMPTY_SHA, r.outputs().get("sha256").asText());
    }

    @Test
    @DisplayName("mode is applied as a string or as a number, and update changes it")
    void mode() throws Exception {
        assumeTrue(posix(), "needs a POSIX file system");
        local.create(file("{'path':'a.sh','content':'x','mode':'0750'}"));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("a.sh"))));
        ResourceResult b = local.create(file("{'path':'b.txt','content':'x','mode':600}"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("b.txt"))));
        local.update(after(b, root, "site.file", "local:File", "{'path':'b.txt','content':'x','mode':'644'}"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("b.txt"))));
    }

    @Test
    @DisplayName("a mode that is not three octal digits is refused")
    void badMode() {
        for (String mode : List.of("'999'", "'rwx'", "420.5", "'07777'")) {
            var e = assertThrows(ProviderException.class,
                    () -> local.create(file("{'path':'m.txt','mode':" + mode + "}")), mode);
            assertFalse(e.isTransient());
            assertTrue(e.getMessage().contains("site.file"), e.getMessage());
        }
        assertFalse(Files.exists(root.resolve("m.txt")));
    }

    @Test
    @DisplayName("read reports the file as it is on disk, and nothing once it is gone")
    void read() throws Exception {
        ResourceResult created = local.create(file("{'path':'r.txt','content':'one'}"));
        var again = after(created, root, "site.file", "local:File", "{'path':'r.txt','content':'one'}");
        assertEquals(created.outputs(), local.read(again).orElseThrow().outputs());

        Files.writeString(root.resolve("r.txt"), "hello"); // changed outside creact
        assertEquals(HELLO_SHA, local.read(again).orElseThrow().outputs().get("sha256").asText());

        Files.delete(root.resolve("r.txt"));
        assertTrue(local.read(again).isEmpty());
    }

    @Test
    @DisplayName("update rewrites the content; delete removes the file and tolerates it being gone already")
    void updateAndDelete() throws Exception {
        ResourceResult created = local.create(file("{'path':'u/x.txt','content':'one'}"));
        ResourceResult updated = local.update(after(created, root, "site.file", "local:File",
                "{'path':'u/x.txt','content':'hello'}"));
        assertEquals("hello", Files.readString(root.resolve("u/x.txt")));
        assertEquals(HELLO_SHA, updated.outputs().get("sha256").asText());

        var delete = after(updated, root, "site.file", "local:File", "{'path':'u/x.txt','content':'hello'}");
        local.delete(delete);
        assertFalse(Files.exists(root.resolve("u/x.txt")));
        assertTrue(Files.isDirectory(root.resolve("u")), "only the file is removed");
        local.delete(delete);
    }

    @Test
    @DisplayName("paths that are absolute or lead out of the project are refused, naming the resource and path")
    void escapes() throws Exception {
        Path target = outside.resolve("victim.txt");
        for (String path : List.of("../victim.txt", "a/../../victim.txt", target.toString(), "", ".")) {
            var e = assertThrows(ProviderException.class,
                    () -> local.create(file("{'path':'" + path + "','content':'pwned'}")), path);
            assertFalse(e.isTransient(), path);
            assertTrue(e.getMessage().contains("site.file"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
        }
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(root.getParent().resolve("victim.txt")));

        Files.createSymbolicLink(root.resolve("link"), outside);
        var e = assertThrows(ProviderException.class, () -> local.create(file("{'path':'link/victim.txt'}")));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(target));
        assertThrows(ProviderException.class, () -> local.delete(file("{'path':'../x'}")));
        Files.delete(root.resolve("link")); // so @TempDir cleanup never follows it out
    }

    @Test
    @DisplayName("types the local provider does not know are refused")
    void unknownType() {
        var e = assertThrows(ProviderException.class,
                () -> local.create(create(root, "x", "local:Socket", "{}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("local:Socket") && e.getMessage().contains("local:File"), e.getMessage());
    }

    @Test
    @DisplayName("a missing path prop is a permanent error naming the resource")
    void missingPath() {
        var e = assertThrows(ProviderException.class, () -> local.create(file("{'content':'x'}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("site.file") && e.getMessage().contains("'path'"), e.getMessage());
    }

    private ResourceRequest file(String props) {
        return create(root, "site.file", "local:File", props);
    }
}
