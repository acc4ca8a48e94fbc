package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.ProviderException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Docker provider's parts that need no daemon: the build context tar and digest, ports, build-time checks. */
@DisplayName("creact/docker without a daemon")
class DockerPartsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the context tar is read back by tar(1) with the same files, modes and contents; the same files give the same bytes")
    void contextTar() throws Exception {
        Files.createDirectories(dir.resolve("ctx/www/" + "deep/".repeat(30)));
        Files.writeString(dir.resolve("ctx/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("ctx/www/index.html"), "hello\n");
        Path run = dir.resolve("ctx/run.sh");
        Files.writeString(run, "#!/bin/sh\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        String longName = "www/" + "deep/".repeat(30) + "f.txt";
        Files.writeString(dir.resolve("ctx").resolve(longName), "x".repeat(1000));
        var out = new ByteArrayOutputStream();
        BuildContext.writeTar(dir.resolve("ctx"), "Dockerfile", out);
        Path tar = dir.resolve("ctx.tar");
        Files.write(tar, out.toByteArray());
        Files.createDirectories(dir.resolve("back"));
        var p = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", dir.resolve("back").toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
        assertEquals("hello\n", Files.readString(dir.resolve("back/www/index.html")));
        assertEquals("x".repeat(1000), Files.readString(dir.resolve("back").resolve(longName)));
        assertTrue(Files.isExecutable(dir.resolve("back/run.sh")));

        var again = new ByteArrayOutputStream();
        BuildContext.writeTar(dir.resolve("ctx"), "Dockerfile", again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "deterministic");
        String before = BuildContext.digest(dir.resolve("ctx"), "Dockerfile");
        Files.writeString(dir.resolve("ctx/www/index.html"), "hello!\n");
        assertNotEquals(before, BuildContext.digest(dir.resolve("ctx"), "Dockerfile"), "an edited file changes the digest");
    }

    @Test
    @DisplayName("ports as strings, numbers and objects; a bad one names the resource")
    void ports() throws Exception {
        assertEquals(new PortSpec(80, 8080, "tcp", ""), PortSpec.parse(new TextNode("8080:80"), "web"));
        assertEquals(new PortSpec(53, 5353, "udp", "127.0.0.1"), PortSpec.parse(new TextNode("127.0.0.1:5353:53/udp"), "web"));
        assertEquals(new PortSpec(80, 0, "tcp", ""), PortSpec.parse(JsonNodeFactory.instance.numberNode(80), "web"));
        var obj = JsonNodeFactory.instance.objectNode().put("container", 80).put("host", 9000);
        assertEquals(new PortSpec(80, 9000, "tcp", ""), PortSpec.parse(obj, "web"));
        var e = assertThrows(ProviderException.class, () -> PortSpec.parse(new TextNode("eighty"), "web"));
        assertTrue(e.getMessage().contains("'eighty' of web"), e.getMessage());
        assertThrows(ProviderException.class, () -> PortSpec.parse(new TextNode("80/icmp"), "web"));
    }

    @Test
    @DisplayName("the build adds the context's digest to an image, and says what is missing")
    void declarations() throws Exception {
        var plugin = new DockerPlugin();
        Files.createDirectories(dir.resolve("app"));
        var props = JsonNodeFactory.instance.objectNode().put("tag", "a:1").put("context", "app");
        var missing = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir));
        assertEquals(List.of("docker-dockerfile-missing"), missing.findings().stream().map(DeclarationLoader.Finding::code).toList());
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
        var ok = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir));
        assertTrue(ok.findings().isEmpty());
        String digest = ok.addedProps().path("contextDigest").asText();
        assertTrue(digest.startsWith("sha256:"), digest);
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\nCOPY x /x\n");
        var edited = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir));
        assertNotEquals(digest, edited.addedProps().path("contextDigest").asText());
        var both = props.deepCopy().put("tarball", "x.tar");
        assertEquals("docker-image-source", plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", both, dir))
                .findings().getFirst().code());
        var e = assertThrows(IllegalArgumentException.class, () -> new DockerEngine("ftp://nowhere"));
        assertTrue(e.getMessage().contains("providers.docker.host"), e.getMessage());
    }
}
