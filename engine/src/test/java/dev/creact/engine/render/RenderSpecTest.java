package dev.creact.engine.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.creact.engine.TestProject.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Rendering components into a CloudDOM")
class RenderSpecTest extends EngineSpec {

    @Test
    @DisplayName("ids are the component path plus the key or the kebab-cased construct name; the root adds no segment")
    void idsFollowComponentPathAndKeys() {
        var dom = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function StorageLayer() { useInstance(MockResource, { key: "MainBucket" }); return <Queue key="jobs"/>; }
                function Queue() { useInstance(MockResource, {}); useInstance(MockResource, {}); useInstance(MockResource, {}); return null; }
                export default function App() { useInstance(MockResource, { key: "top" }); return <StorageLayer/>; }
                """).dom(engine);
        assertEquals(List.of("top", "storage-layer.main-bucket", "storage-layer.jobs.resource",
                "storage-layer.jobs.resource-1", "storage-layer.jobs.resource-2"), ids(dom));
        var byId = dom.byId();
        assertEquals(List.of("storage-layer", "jobs"), byId.get("storage-layer.jobs.resource").path());
    }

    @Test
    @DisplayName("a component's resources nest under the first resource of the nearest enclosing component")
    void nesting() {
        var dom = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function Child() { useInstance(MockResource, { key: "leaf" }); return null; }
                function Parent() { useInstance(MockResource, { key: "a" }); useInstance(MockResource, { key: "b" }); return <Child/>; }
                function Empty({ children }) { return children; }
                export default function App() { return <Empty><Parent/></Empty>; }
                """).dom(engine);
        assertEquals(2, dom.resources().size());
        Node a = dom.resources().getFirst();
        assertEquals("empty.parent.a", a.id());
        assertEquals(List.of("empty.parent.child.leaf"), a.children().stream().map(Node::id).toList());
        assertEquals("empty.parent.b", dom.resources().get(1).id());
    }

    @Test
    @DisplayName("constructs can also be declared as JSX elements; nested elements render under them")
    void constructElements() {
        var dom = project("""
                import { LocalDirectory, LocalFile } from "creact/local";
                export default function App() {
                  return <LocalDirectory key="dir" path="out">
                    <LocalFile key="readme" path="out/README" content="hi"/>
                  </LocalDirectory>;
                }
                """).dom(engine);
        Node dirNode = dom.resources().getFirst();
        assertEquals("dir", dirNode.id());
        assertEquals("local:Directory", dirNode.type());
        assertEquals(List.of("readme"), dirNode.children().stream().map(Node::id).toList());
        assertEquals("infrastructure.tsx", dirNode.source().file());
        assertEquals(3, dirNode.source().line());
        assertEquals(4, dirNode.children().getFirst().source().line());
        assertEquals(5, dirNode.children().getFirst().source().column());
    }

    @Test
    @DisplayName("every node carries the file, line and column of the useInstance call, mapped through the source map")
    void sourceSpans() {
        var dom = new TestProject(dir)
                .file("infrastructure.tsx", """
                        import { Svc } from "./lib/svc";
                        type Props = { name: string };
                        export default function App() {
                          return <Svc name="x"/>;
                        }
                        """)
                .file("lib/svc.tsx", """
                        import { useInstance } from "creact";
                        import { MockResource } from "creact/mock";
                        interface P { name: string }
                        export function Svc({ name }: P) {
                          const a = useInstance(MockResource, { key: "a", name });
                              useInstance(MockResource, {
                                key: "b",
                              });
                          return null;
                        }
                        """).dom(engine);
        var byId = dom.byId();
        var a = byId.get("svc.a").source();
        assertEquals("lib/svc.tsx", a.file());
        assertEquals(5, a.line());
        assertEquals(13, a.column());
        var b = byId.get("svc.b").source();
        assertEquals(6, b.line());
        assertEquals(7, b.column());
    }

    @Test
    @DisplayName("context: nested providers override, the default applies outside any provider")
    void context() {
        var dom = project("""
                import { createContext, useContext, useInstance } from "creact";
                import { MockResource } from "creact/mock";
                const Env = createContext("default-env");
                function Show({ k }) { useInstance(MockResource, { key: k, env: useContext(Env) }); return null; }
                export default function App() {
                  return <>
                    <Show k="outside"/>
                    <Env.Provider value="prod">
                      <Show k="prod"/>
                      <Env.Provider value="inner"><Show k="inner"/></Env.Provider>
                      <Show k="prod-again"/>
                    </Env.Provider>
                  </>;
                }
                """).dom(engine);
        // Keyless <Show> components share the segment "show"; the resources' keys keep ids distinct.
        var env = dom.allNodes().stream().map(n -> n.id() + "=" + n.props().get("env").asText()).toList();
        assertEquals(List.of("show.outside=default-env", "show.prod=prod", "show.inner=inner",
                "show.prod-again=prod"), env);
    }

    @Test
    @DisplayName("useState: restored by component path and hook index in numeric order, also for components without resources")
    void stateRestore() {
        var source = """
                import { useState, useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function Counter() {
                  const slots = [];
                  for (let i = 0; i < 12; i++) { const [v] = useState(i * 100); slots.push(v); }
                  return null;
                }
                export default function App() {
                  const [name] = useState("first");
                  useInstance(MockResource, { key: "r", name });
                  return <Counter/>;
                }
                """;
        var p = project(source);
        CloudDom first = p.dom(engine);
        assertEquals(12, first.componentState().get("counter").size());
        assertEquals("first", first.componentState().get("").getFirst().asText());
        // Pretend a deploy changed the saved values; slot 10 and slot 2 must not swap.
        var saved = new java.util.ArrayList<>(first.componentState().get("counter"));
        for (int i = 0; i < saved.size(); i++) {
            saved.set(i, JsonNodeFactory.instance.numberNode(1000 + i));
        }
        var state = new java.util.HashMap<>(first.componentState());
        state.put("counter", saved);
        state.put("", List.of(JsonNodeFactory.instance.textNode("restored")));
        var previous = new CloudDom(1, "dev", first.resources(), state);
        CloudDom second = p.dom(engine, previous);
        assertEquals(1002, second.componentState().get("counter").get(2).asInt());
        assertEquals(1010, second.componentState().get("counter").get(10).asInt());
        assertEquals("restored", second.byId().get("r").props().get("name").asText());
    }

    @Test
    @DisplayName("outputs: unknown ones are references that survive interpolation; known ones read as values")
    void outputsAndReferences() {
        var p = project("""
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const id = useInstance(MockResource, { key: "suffix", bytes: 4 });
                  useInstance(LocalFile, { key: "f", path: "out/a", content: `id=${id.outputs.hex}!`, mode: id.outputs.mode });
                  return null;
                }
                """);
        CloudDom first = p.dom(engine);
        Node f = first.byId().get("f");
        assertEquals("id=${ref:suffix#hex}!", f.props().get("content").asText());
        assertEquals("${ref:suffix#mode}", f.props().get("mode").asText());

        var outputs = JsonNodeFactory.instance.objectNode().put("hex", "a1b2c3d4").put("mode", "600");
        Node deployed = first.byId().get("suffix").withOutputs(outputs, null);
        var previous = new CloudDom(1, "dev", List.of(deployed), first.componentState());
        CloudDom second = p.dom(engine, previous);
        Node f2 = second.byId().get("f");
        assertEquals("id=a1b2c3d4!", f2.props().get("content").asText());
        assertEquals("600", f2.props().get("mode").asText());
        assertEquals("a1b2c3d4", second.byId().get("suffix").outputs().get("hex").asText());
    }

    @Test
    @DisplayName("dependsOn takes handles or ids and is kept as ids")
    void dependsOn() {
        var dom = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const a = useInstance(MockResource, { key: "a" });
                  useInstance(MockResource, { key: "b", dependsOn: [a, "a"] });
                  return null;
                }
                """).dom(engine);
        assertEquals("[\"a\",\"a\"]", dom.byId().get("b").props().get("dependsOn").toString());
    }

    @Test
    @DisplayName("ids stay the same across unrelated edits")
    void stableIds() {
        var p = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                function Api() { useInstance(MockResource, { key: "svc", port: 1 }); return null; }
                export default function App() { return <><Api/></>; }
                """);
        var before = ids(p.dom(engine));
        p.file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                // a comment, a new helper and a new sibling component
                const helper = (n: number) => n * 2;
                function Db() { useInstance(MockResource, { key: "db" }); return null; }
                function Api() { useInstance(MockResource, { key: "svc", port: helper(1) }); return null; }
                export default function App() { return <><Db/><Api/></>; }
                """);
        var after = ids(p.dom(engine));
        assertTrue(after.containsAll(before), after.toString());
    }

    @Test
    @DisplayName("defineConstruct declares users' own construct types with schemas")
    void defineConstruct() {
        var r = project("""
                import { defineConstruct, useInstance } from "creact";
                const Bucket = defineConstruct("aws:s3:Bucket", { props: { name: { type: "string", required: true } }, outputs: ["arn"] });
                export default function App() { useInstance(Bucket, { name: "logs" }); return <Bucket key="two" name="x"/>; }
                """).build(engine);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of("bucket", "two"), ids(r.cloudDom()));
        var schema = r.render().constructs().get("aws:s3:Bucket");
        assertNotNull(schema);
        assertTrue(schema.props().get("name").required());
        assertEquals(List.of("arn"), schema.outputs());
    }

    @Test
    @DisplayName("useEffect is recorded with its component and deps")
    void effectsRecorded() {
        var r = project("""
                import { useEffect } from "creact";
                function Hook() { useEffect(() => {}, [1, "a"]); useEffect(() => {}); return null; }
                export default function App() { return <Hook/>; }
                """).build(engine);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(2, r.render().effects().size());
        assertEquals("hook", r.render().effects().getFirst().get("component").asText());
        assertEquals("[1,\"a\"]", r.render().effects().getFirst().get("deps").toString());
    }

    @Test
    @DisplayName("modules: extension-less and index imports, .ts and .jsx files, JSON imports, the classic createElement")
    void moduleLoader() {
        var dom = new TestProject(dir)
                .file("infrastructure.tsx", """
                        import { Svc } from "./lib";
                        import { name } from "./util.ts";
                        import { Other } from "./other";
                        import data from "./data.json";
                        export default function App() { return <><Svc n={name + data.n}/><Other/></>; }
                        """)
                .file("lib/index.tsx", """
                        import { useInstance } from "creact";
                        import { MockResource } from "creact/mock";
                        export function Svc({ n }) { useInstance(MockResource, { key: n }); return null; }
                        """)
                .file("util.ts", "export const name: string = 'from-ts-';\n")
                .file("other.jsx", """
                        import { createElement, useInstance } from "creact";
                        import { MockResource } from "creact/mock";
                        function Leaf() { useInstance(MockResource, { key: "leaf" }); return null; }
                        export function Other() { return createElement(Leaf, { key: "k" }); }
                        """)
                .file("data.json", "{\"n\": \"json\"}")
                .dom(engine);
        assertEquals(List.of("svc.from-ts-json", "other.k.leaf"), ids(dom));
    }

    @Test
    @DisplayName("reading an output the construct does not declare is an error at the line that reads it, with a suggestion")
    void undeclaredOutput() {
        var problem = project("""
                import { useInstance } from "creact";
                import { LocalDirectory, LocalFile } from "creact/local";
                export default function App() {
                  const dir = useInstance(LocalDirectory, { key: "dir", path: "out" });
                  useInstance(LocalFile, { key: "f", path: "out/a", content: dir.outputs.paht });
                  return null;
                }
                """).onlyProblem(engine);
        assertEquals("unknown-output", problem.code());
        assertEquals(5, problem.source().line());
        assertTrue(problem.message().contains("dir.outputs.paht: local:Directory has no output 'paht'; did you mean 'path'?"),
                problem.message());
    }

    @Test
    @DisplayName("calling a method on an output that is not known yet is an error at that line, saying how to ask")
    void methodOnUnknownOutput() {
        var problem = project("""
                import { useInstance } from "creact";
                import { RandomId, LocalFile } from "creact/local";
                export default function App() {
                  const id = useInstance(RandomId, { key: "suffix", bytes: 4 });
                  const upper = id.outputs.hex.toUpperCase();
                  useInstance(LocalFile, { key: "f", path: "out/a", content: upper });
                  return null;
                }
                """).onlyProblem(engine);
        assertEquals("output-not-known", problem.code());
        assertEquals(5, problem.source().line());
        assertTrue(problem.message().contains("suffix.outputs.hex is not known until suffix is deployed, so it has no 'toUpperCase'"),
                problem.message());
        assertTrue(problem.hint().contains("isKnown("), problem.hint());
    }

    @Test
    @DisplayName("isKnown and a handle's deployed flag tell an output not known yet from a known one")
    void isKnownAndDeployed() {
        var p = project("""
                import { useInstance, isKnown } from "creact";
                import { RandomId, LocalFile } from "creact/local";
                export default function App() {
                  const id = useInstance(RandomId, { key: "suffix", bytes: 4 });
                  const text = isKnown(id.outputs.hex) ? "known " + id.outputs.hex.toUpperCase() : "pending";
                  useInstance(LocalFile, { key: "f", path: "out/a",
                    content: `${text} ${id.deployed} ${isKnown(`x${id.outputs.hex}`)} ${isKnown("plain")}` });
                  return null;
                }
                """);
        CloudDom first = p.dom(engine);
        assertEquals("pending false false true", first.byId().get("f").props().get("content").asText());
        var outputs = JsonNodeFactory.instance.objectNode().put("hex", "a1b2c3d4");
        var previous = new CloudDom(1, "dev", List.of(first.byId().get("suffix").withOutputs(outputs, null)), first.componentState());
        assertEquals("known A1B2C3D4 true true true", p.dom(engine, previous).byId().get("f").props().get("content").asText());
    }

    @Test
    @DisplayName("a known output read gives an edge to the resources whose props carry its value, and to no other")
    void edgesFromKnownOutputs() {
        var p = project("""
                import { useInstance, useStackOutputs } from "creact";
                import { LocalFile, RandomId } from "creact/local";
                export default function App() {
                  const id = useInstance(RandomId, { key: "suffix", bytes: 4 });
                  const hex = id.outputs.hex;
                  useStackOutputs({ hex });
                  useInstance(LocalFile, { key: "unrelated", path: "out/u", content: "x" });
                  useInstance(LocalFile, { key: "templated", path: "out/t", content: `id=${hex}` });
                  useInstance(LocalFile, { key: "whole", path: hex, content: "y" });
                  return null;
                }
                """);
        CloudDom first = p.dom(engine);
        var outputs = JsonNodeFactory.instance.objectNode().put("hex", "a1b2c3d4");
        var previous = new CloudDom(1, "dev", List.of(first.byId().get("suffix").withOutputs(outputs, null)), first.componentState());
        var second = p.dom(engine, previous).byId();
        assertEquals(List.of(), second.get("unrelated").dependencies(), "its props do not carry the value read");
        assertEquals(List.of("suffix"), second.get("templated").dependencies(), "the value inside a template string");
        assertEquals(List.of("suffix"), second.get("whole").dependencies(), "the value as a whole prop");
    }
    @Test
    @DisplayName("a known output \"NaN\" read gives an edge to a resource whose prop is the number NaN")
    void edgeFromNonFiniteOutput() {
        var p = project("""
                import { useInstance } from "creact";
                import { RandomId } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const id = useInstance(RandomId, { key: "suffix", bytes: 4 });
                  const ratio = Number(id.outputs.hex);
                  useInstance(MockResource, { key: "f", ratio });
                  return null;
                }
                """);
        CloudDom first = p.dom(engine);
        var outputs = JsonNodeFactory.instance.objectNode().put("hex", "NaN");
        var previous = new CloudDom(1, "dev", List.of(first.byId().get("suffix").withOutputs(outputs, null)), first.componentState());
        assertEquals(List.of("suffix"), p.dom(engine, previous).byId().get("f").dependencies());
    }
}
