package dev.creact.engine.render;

import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * User code reads only the project's own files: by real path (links are followed before the check, and a
 * refusal names the link), never creact's {@code .creact/} folder, and a file that does not parse is never
 * quoted beyond its offending line.
 */
@DisplayName("The module loader keeps user code inside the project")
class ProjectConfinementTest extends EngineSpec {
    private static final String SECRET = "s3cret-value-8d1f";
    private Path outside;

    @BeforeEach
    void outsideFolder() throws IOException {
        outside = Files.createTempDirectory("creact-outside");
    }

    @AfterEach
    void removeOutside() throws IOException {
        try (Stream<Path> files = Files.walk(outside)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private TestProject importing(String specifier) {
        return project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                import data from "%s";
                export default function App() { useInstance(MockResource, { key: "m", v: JSON.stringify(data) }); return null; }
                """.formatted(specifier));
    }

    private static void assertNoSecret(dev.creact.engine.core.BuildResult result) {
        String everything = Json.write(result.problems()) + (result.cloudDom() == null ? "" : Json.write(result.cloudDom()));
        assertFalse(everything.contains(SECRET), everything);
    }

    @Test
    @DisplayName("a symbolic link to a JSON file outside the project is refused, naming the link")
    void linkedJsonOutside() throws IOException {
        Files.writeString(outside.resolve("secret.json"), "{\"token\": \"" + SECRET + "\"}");
        importing("./data.json");
        Files.createSymbolicLink(dir.resolve("data.json"), outside.resolve("secret.json"));
        var result = new TestProject(dir).build(engine);
        assertNoSecret(result);
        Problem p = new TestProject(dir).onlyProblem(engine);
        assertEquals("unresolved-import", p.code());
        assertEquals(3, p.source().line());
        assertTrue(p.message().contains("'data.json' is a symbolic link to " + outside.resolve("secret.json")), p.message());
        assertTrue(p.message().contains("outside the project root"), p.message());
    }

    @Test
    @DisplayName("a link to a file that does not parse (say /etc/shadow) leaks none of it")
    void linkedUnparsableFileOutside() throws IOException {
        Files.writeString(outside.resolve("shadow"), "root:" + SECRET + ":20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n");
        // served as JavaScript, whose parser quotes the offending line in its message
        project("import { x } from './shadow.js';\nexport default function App() { return x ? null : null; }\n");
        Files.createSymbolicLink(dir.resolve("shadow.js"), outside.resolve("shadow"));
        var result = new TestProject(dir).build(engine);
        assertNoSecret(result);
        Problem p = result.problems().getFirst();
        assertEquals("unresolved-import", p.code(), p.render());
        assertTrue(p.message().contains("'shadow.js' is a symbolic link"), p.message());
    }

    @Test
    @DisplayName("a linked folder that leads out of the project is refused, naming the folder")
    void linkedFolderOutside() throws IOException {
        Files.writeString(outside.resolve("x.ts"), "export const v = '" + SECRET + "';\n");
        importing("./lib/x");
        Files.createSymbolicLink(dir.resolve("lib"), outside);
        var result = new TestProject(dir).build(engine);
        assertNoSecret(result);
        Problem p = result.problems().getFirst();
        assertEquals("unresolved-import", p.code(), p.render());
        assertTrue(p.message().contains("'lib' is a symbolic link to " + outside), p.message());
    }

    @Test
    @DisplayName("a link that stays inside the project is followed")
    void linkInside() throws IOException {
        importing("./alias.json").file("config/real.json", "{\"name\": \"inside\"}");
        Files.createSymbolicLink(dir.resolve("alias.json"), Path.of("config/real.json"));
        var dom = new TestProject(dir).dom(engine);
        assertEquals("{\"name\":\"inside\"}", dom.byId().get("m").props().path("v").asText());
    }

    @Test
    @DisplayName("a stack's state under .creact/ cannot be imported")
    void stateFolder() {
        importing("./.creact/stacks/prod/state.json").file(".creact/stacks/prod/state.json", "{\"secret\": \"" + SECRET + "\"}");
        var result = new TestProject(dir).build(engine);
        assertNoSecret(result);
        Problem p = result.problems().getFirst();
        assertEquals("unresolved-import", p.code(), p.render());
        assertTrue(p.message().contains("inside .creact/"), p.message());
    }

    @Test
    @DisplayName("nor through a link into .creact/")
    void linkIntoStateFolder() throws IOException {
        importing("./st/prod/state.json").file(".creact/stacks/prod/state.json", "{\"secret\": \"" + SECRET + "\"}");
        Files.createSymbolicLink(dir.resolve("st"), Path.of(".creact/stacks"));
        var result = new TestProject(dir).build(engine);
        assertNoSecret(result);
        Problem p = result.problems().getFirst();
        assertTrue(p.message().contains("'st' is a symbolic link to .creact/stacks"), p.message());
        assertTrue(p.message().contains("inside .creact/"), p.message());
    }

    @Test
    @DisplayName("an entry file that is a link out of the project is refused")
    void linkedEntry() throws IOException {
        Files.writeString(outside.resolve("infra.tsx"), "export default function App() { return null; } // " + SECRET);
        Files.createSymbolicLink(dir.resolve("infrastructure.tsx"), outside.resolve("infra.tsx"));
        Problem p = new TestProject(dir).onlyProblem(engine);
        assertEquals("entry-outside-project", p.code());
        assertTrue(p.message().contains("'infrastructure.tsx' is a symbolic link"), p.message());
    }

    @Test
    @DisplayName("an editor's unsaved text for a link out of the project is refused like the file")
    void overlayOfLinkedFile() throws IOException {
        Files.writeString(outside.resolve("secret.ts"), "export const v = 1;\n");
        project("import { v } from './linked';\nexport default function App() { return v ? null : null; }\n");
        Files.createSymbolicLink(dir.resolve("linked.ts"), outside.resolve("secret.ts"));
        var overlays = Map.of(dir.resolve("linked.ts"), "export const v = '" + SECRET + "';\n");
        var result = engine.build(BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev").withOverlays(overlays));
        assertEquals("unresolved-import", result.problems().getFirst().code(), result.problems().toString());
        assertNoSecret(result);
    }

    @Test
    @DisplayName("a syntax error quotes at most the offending line of a project file")
    void syntaxErrorQuotesOneLine() {
        project("import x from './data.js';\nexport default function App() { return x ? null : null; }\n")
                .file("data.js", "export default 1;\nhello " + SECRET + " world\nthird line " + SECRET + "-3\n");
        Problem p = new TestProject(dir).onlyProblem(engine);
        assertEquals("syntax-error", p.code());
        assertEquals("data.js", p.source().file());
        assertEquals(2, p.source().line());
        assertFalse(p.message().contains("\n"), p.message());
        assertFalse(p.message().contains("third line"), p.message());
        assertFalse(p.message().contains(SECRET + " world"), "the code frame is not echoed: " + p.message());
    }

    @Test
    @DisplayName("a file in the project owned by another user is not quoted at all")
    void foreignFileIsNotQuoted() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        project("import { x } from './foreign';\nexport default function App() { return x ? null : null; }\n")
                .file("foreign.ts", "root:" + SECRET + ":20228:0:99999:7:::\n");
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir.resolve("foreign.ts"), nobody);
        Problem p = new TestProject(dir).onlyProblem(engine);
        assertEquals("syntax-error", p.code(), p.render());
        assertFalse(p.message().contains(SECRET), p.message());
        assertFalse(p.message().contains("root"), p.message());
        assertTrue(p.message().contains("belongs to another user"), p.message());
    }

    @Test
    @DisplayName("a .json file must hold JSON: code in it is refused, not run")
    void jsonThatIsCode() {
        importing("./data.json").file("data.json", "(() => { throw new Error('ran') })()\n");
        Problem p = new TestProject(dir).onlyProblem(engine);
        assertEquals("syntax-error", p.code(), p.render());
        assertEquals("data.json", p.source().file());
        assertTrue(p.message().contains("not valid JSON"), p.message());
    }
}
