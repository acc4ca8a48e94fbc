package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.provider.DeclarationLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code .dockerignore} by Docker's rules: the examples of Docker's documentation ("Dockerignore files" in the
 * build context reference), the path cleaning and exceptions of its pattern matcher, and the context tar
 * and digest that follow them.
 */
@DisplayName(".dockerignore: Docker's rules for the build context")
class DockerIgnoreTest {
    @TempDir
    Path dir;

    private static DockerIgnore rules(String... lines) {
        return DockerIgnore.parse(List.of(lines), List.of("Dockerfile", ".dockerignore"));
    }

    @Test
    @DisplayName("Docker's documented examples: */temp*, */*/temp*, temp?, **/*.go, comments")
    void documentedExamples() {
        var ignore = rules("# comment", "*/temp*", "*/*/temp*", "temp?");
        assertTrue(ignore.excludes("somedir/temporary.txt"));
        assertTrue(ignore.excludes("somedir/temp"));
        assertTrue(ignore.excludes("somedir/temp/inside.txt"), "a matched folder takes its files with it");
        assertFalse(ignore.excludes("temporary.txt"), "*/temp* is one level down, not the root");
        assertTrue(ignore.excludes("somedir/subdir/temporary.txt"));
        assertFalse(ignore.excludes("a/b/c/temporary.txt"), "*/*/temp* is exactly two levels down");
        assertTrue(ignore.excludes("tempa"));
        assertTrue(ignore.excludes("tempb"));
        assertFalse(ignore.excludes("tempab"));
        assertFalse(ignore.excludes("# comment"), "a comment is no pattern");

        var go = rules("**/*.go");
        assertTrue(go.excludes("main.go"), "** matches no folder too");
        assertTrue(go.excludes("cmd/tool/main.go"));
        assertFalse(go.excludes("cmd/tool/main.gox"));
    }

    @Test
    @DisplayName("exceptions: the last matching line wins, as in Docker's README*.md examples")
    void exceptions() {
        var readme = rules("*.md", "!README.md");
        assertTrue(readme.excludes("CHANGES.md"));
        assertFalse(readme.excludes("README.md"));

        var notSecret = rules("*.md", "!README*.md", "README-secret.md");
        assertTrue(notSecret.excludes("CHANGES.md"));
        assertFalse(notSecret.excludes("README-public.md"));
        assertTrue(notSecret.excludes("README-secret.md"));

        var allReadmes = rules("*.md", "README-secret.md", "!README*.md");
        assertFalse(allReadmes.excludes("README-secret.md"), "the exception comes last, so it wins");
        assertTrue(allReadmes.excludes("CHANGES.md"));
    }

    @Test
    @DisplayName("a leading /, ./, a trailing / and .. are cleaned as paths; ?, [a-z], [!a-z] and \\ escapes; ** in the middle and at the end")
    void syntax() {
        var rooted = rules("/build/", "./dist", "  logs  ", "a/../tmp");
        assertTrue(rooted.excludes("build/out.o"));
        assertTrue(rooted.excludes("build"));
        assertTrue(rooted.excludes("dist/x.js"));
        assertTrue(rooted.excludes("logs/today.log"), "blanks around a pattern are trimmed");
        assertTrue(rooted.excludes("tmp/x"));
        assertFalse(rooted.excludes("src/build/out.o"), "a pattern is anchored at the context's root");

        var classes = rules("file[0-9].txt", "note[!a].txt", "star\\*.txt", "a.b");
        assertTrue(classes.excludes("file7.txt"));
        assertFalse(classes.excludes("fileX.txt"));
        assertTrue(classes.excludes("noteb.txt"));
        assertFalse(classes.excludes("notea.txt"));
        assertTrue(classes.excludes("star*.txt"));
        assertFalse(classes.excludes("starX.txt"), "an escaped * is a plain *");
        assertFalse(classes.excludes("aXb"), "a dot is a dot");

        var deep = rules("a/**/z", "cache/**");
        assertTrue(deep.excludes("a/z"));
        assertTrue(deep.excludes("a/b/c/z"));
        assertFalse(deep.excludes("b/a/z"));
        assertTrue(deep.excludes("cache/x/y"));

        var everything = rules("*", "!src");
        assertTrue(everything.excludes("README.md"));
        assertFalse(everything.excludes("src/main.c"), "an exception for a folder brings back what is in it");
        assertFalse(everything.excludes("Dockerfile"), "the Dockerfile is always sent");
        assertFalse(everything.excludes(".dockerignore"), "so is the .dockerignore");
    }

    @Test
    @DisplayName("the context tar leaves out what is ignored (but never the Dockerfile or .dockerignore); an edit to an ignored file changes no digest")
    void contextFollowsTheRules() throws Exception {
        Path ctx = dir.resolve("app");
        Files.createDirectories(ctx.resolve("node_modules/pkg"));
        Files.createDirectories(ctx.resolve("src"));
        Files.createDirectories(ctx.resolve("docs"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY src /src\n");
        Files.writeString(ctx.resolve(".dockerignore"), """
                # dependencies and notes stay out
                node_modules
                **/*.log
                docs
                !docs/keep.txt
                Dockerfile
                .dockerignore
                """);
        Files.writeString(ctx.resolve("node_modules/pkg/index.js"), "module.exports = 1;\n");
        Files.writeString(ctx.resolve("src/main.c"), "int main(void) { return 0; }\n");
        Files.writeString(ctx.resolve("src/debug.log"), "noise\n");
        Files.writeString(ctx.resolve("docs/notes.txt"), "draft\n");
        Files.writeString(ctx.resolve("docs/keep.txt"), "kept\n");

        var names = BuildContext.files(ctx, "Dockerfile").stream().map(p -> p.toString().replace('\\', '/')).toList();
        assertEquals(List.of(".dockerignore", "Dockerfile", "docs/keep.txt", "src", "src/main.c"), names);

        var tar = new ByteArrayOutputStream();
        BuildContext.writeTar(ctx, "Dockerfile", tar);
        Path file = dir.resolve("ctx.tar");
        Files.write(file, tar.toByteArray());
        var p = new ProcessBuilder("tar", "-tf", file.toString()).redirectErrorStream(true).start();
        String listed = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), listed);
        assertEquals(List.of(".dockerignore", "Dockerfile", "docs/keep.txt", "src/", "src/main.c"), listed.lines().toList());

        var plugin = new DockerPlugin();
        var props = JsonNodeFactory.instance.objectNode().put("tag", "app:1").put("context", "app");
        String before = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir))
                .addedProps().path("contextDigest").asText();
        Files.writeString(ctx.resolve("src/debug.log"), "more noise, a different size\n");
        Files.writeString(ctx.resolve("node_modules/pkg/index.js"), "module.exports = 2; // edited\n");
        Files.writeString(ctx.resolve("docs/notes.txt"), "edited draft\n");
        String afterIgnored = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir))
                .addedProps().path("contextDigest").asText();
        assertEquals(before, afterIgnored, "edits to ignored files leave the digest (and the plan) as it was");
        Files.writeString(ctx.resolve("docs/keep.txt"), "kept, edited\n");
        String afterKept = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir))
                .addedProps().path("contextDigest").asText();
        assertNotEquals(before, afterKept, "an edit to a file the exception brings back changes it");
        Files.writeString(ctx.resolve(".dockerignore"), "node_modules\n");
        String newRules = plugin.load(new DeclarationLoader.Declaration("img", "docker:Image", props, dir))
                .addedProps().path("contextDigest").asText();
        assertNotEquals(afterKept, newRules, "a changed .dockerignore changes what is sent, so the digest");
    }

    @Test
    @DisplayName("a Dockerfile in an ignored folder is still sent")
    void dockerfileInIgnoredFolder() throws Exception {
        Path ctx = dir.resolve("app");
        Files.createDirectories(ctx.resolve("build"));
        Files.writeString(ctx.resolve("build/Dockerfile.prod"), "FROM scratch\n");
        Files.writeString(ctx.resolve("build/other"), "x\n");
        Files.writeString(ctx.resolve(".dockerignore"), "build\n");
        var names = BuildContext.files(ctx, "./build/Dockerfile.prod").stream().map(p -> p.toString().replace('\\', '/')).toList();
        assertEquals(List.of(".dockerignore", "build/Dockerfile.prod"), names);
    }
}
