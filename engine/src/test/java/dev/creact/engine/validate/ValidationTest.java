package dev.creact.engine.validate;

import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Validation names file, line, column and resource")
class ValidationTest extends EngineSpec {

    List<Problem> problems(String infrastructure) {
        var r = new TestProject(dir).file("infrastructure.tsx", infrastructure).build(engine);
        assertTrue(!r.ok(), "expected the build to fail");
        return r.problems();
    }

    @Test
    @DisplayName("a duplicate id reports both places")
    void duplicateId() {
        var ps = problems("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function Svc() { useInstance(MockResource, { key: "db" }); return null; }
                export default function App() {
                  return <>
                    <Svc/>
                    <Svc/>
                  </>;
                }
                """);
        assertEquals(1, ps.size());
        var p = ps.getFirst();
        assertEquals("duplicate-id", p.code());
        assertEquals("svc.db", p.resourceId());
        assertEquals(3, p.source().line());
        assertEquals(1, p.related().size());
        assertTrue(p.hint().contains("key"));
        assertTrue(p.render().contains("see also infrastructure.tsx:3:"), p.render());
    }

    @Test
    @DisplayName("an unknown construct type, with a suggestion")
    void unknownType() {
        var p = problems("""
                import { useInstance } from "creact";
                export default function App() {
                  useInstance("local:Fiel", { path: "x" });
                  return null;
                }
                """).getFirst();
        assertEquals("unknown-construct-type", p.code());
        assertEquals(3, p.source().line());
        assertEquals(3, p.source().column());
        assertEquals("fiel", p.resourceId());
        assertTrue(p.message().contains("did you mean 'local:File'"), p.message());
    }

    @Test
    @DisplayName("missing required props, ill-typed props and unknown props")
    void props() {
        var ps = problems("""
                import { useInstance } from "creact";
                import { LocalFile, RandomId } from "creact/local";
                export default function App() {
                  useInstance(LocalFile, { key: "f", content: "x" });
                  useInstance(RandomId, { key: "r", bytes: "four" });
                  useInstance(LocalFile, { key: "g", path: "a", contnet: "typo" });
                  return null;
                }
                """);
        assertEquals(List.of("missing-prop", "invalid-prop-type", "unknown-prop"), ps.stream().map(Problem::code).toList());
        assertEquals("f", ps.get(0).resourceId());
        assertEquals(4, ps.get(0).source().line());
        assertTrue(ps.get(0).message().contains("'path'"));
        assertEquals("r", ps.get(1).resourceId());
        assertTrue(ps.get(1).message().contains("must be number, but is a string"), ps.get(1).message());
        assertTrue(ps.get(2).message().contains("did you mean 'content'"), ps.get(2).message());
    }

    @Test
    @DisplayName("a reference not known yet satisfies any prop type")
    void referencesSatisfyTypes() {
        var r = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { RandomId } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const m = useInstance(MockResource, { key: "m" });
                  useInstance(RandomId, { key: "r", bytes: m.outputs.size });
                  return null;
                }
                """).build(engine);
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    @DisplayName("a dependency cycle names every id on it")
    void cycle() {
        var ps = problems("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "a", dependsOn: ["c"] });
                  const b = useInstance(MockResource, { key: "b", dependsOn: ["a"] });
                  useInstance(MockResource, { key: "c", value: `${b.outputs.id}` });
                  useInstance(MockResource, { key: "d", dependsOn: ["a"] });
                  return null;
                }
                """);
        assertEquals(1, ps.size());
        var p = ps.getFirst();
        assertEquals("dependency-cycle", p.code());
        assertTrue(p.message().contains("a -> c -> b -> a"), p.message());
        assertEquals(3, p.related().size());
        assertNotNull(p.source());
        assertEquals(4, p.source().line());
    }

    @Test
    @DisplayName("a reference to a resource that does not exist names both")
    void danglingReference() {
        var p = problems("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "a", dependsOn: ["gone"] });
                  return null;
                }
                """).getFirst();
        assertEquals("unknown-reference", p.code());
        assertEquals("a", p.resourceId());
        assertTrue(p.message().contains("'gone'"));
    }
}
