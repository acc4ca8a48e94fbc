package dev.creact.engine.model;

import dev.creact.engine.core.Engine;

import dev.creact.engine.core.Engine;
import dev.creact.engine.TestProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Serialising the CloudDOM is deterministic")
class JsonDeterminismTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("the same input gives byte-identical JSON, across engines, with keys sorted at every level")
    void byteIdentical() {
        var project = new TestProject(dir).file("infrastructure.tsx", """
                import { useInstance, useState } from "creact";
                import { MockResource } from "creact/mock";
                function Svc({ name }) {
                  const [n] = useState({ zeta: 1, alpha: 2 });
                  useInstance(MockResource, { key: name, zebra: 1, apple: { z: 1, a: [3, 2, 1] }, mango: "m", n });
                  return null;
                }
                export default function App() { return <><Svc key="b" name="b"/><Svc key="a" name="a"/></>; }
                """);
        String first;
        String second;
        try (var engine = new Engine()) {
            first = Json.write(project.dom(engine));
        }
        try (var engine = new Engine()) {
            second = Json.write(project.dom(engine));
        }
        assertEquals(first, second);
        assertTrue(first.indexOf("\"apple\"") < first.indexOf("\"mango\"") && first.indexOf("\"mango\"") < first.indexOf("\"zebra\""), first);
        assertTrue(first.contains("{\"a\":[3,2,1],\"z\":1}"), "nested objects sorted, arrays kept in order: " + first);
        assertTrue(first.contains("{\"alpha\":2,\"zeta\":1}"), first);
        // Declaration order of resources is meaningful and kept.
        assertTrue(first.indexOf("\"b.b\"") < first.indexOf("\"a.a\""), first);
    }

    @Test
    @DisplayName("a CloudDOM read back from JSON is equal and writes the same bytes")
    void roundTrip() {
        var project = new TestProject(dir).file("infrastructure.tsx", """
                import { LocalFile } from "creact/local";
                export default function App() { return <LocalFile key="f" path="out/x" content="y"/>; }
                """);
        try (var engine = new Engine()) {
            var dom = project.dom(engine);
            String json = Json.write(dom);
            var back = Json.read(json, CloudDom.class);
            assertEquals(dom, back);
            assertEquals(json, Json.write(back));
        }
    }
}
