package dev.creact.engine.render;

import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Bad input gets a clear error naming file, line and what to do; nothing hangs")
class BadInputTest extends EngineSpec {

    @Test
    @DisplayName("a syntax error names file, line and column")
    void syntaxError() {
        var p = project("""
                import { useInstance } from "creact";
                export default function App() {
                  return <Broken;
                }
                """).onlyProblem(engine);
        assertEquals("syntax-error", p.code());
        assertEquals("infrastructure.tsx", p.source().file());
        assertEquals(3, p.source().line());
        assertTrue(p.source().column() > 1);
        assertTrue(p.render().startsWith("infrastructure.tsx:3:"), p.render());
    }

    @Test
    @DisplayName("a syntax error in an imported file names that file")
    void syntaxErrorInImport() {
        var p = new TestProject(dir)
                .file("infrastructure.tsx", "import { X } from './lib/x';\nexport default function App() { return <X/>; }\n")
                .file("lib/x.tsx", "export function X() {\n  const a = ;\n  return null;\n}\n")
                .onlyProblem(engine);
        assertEquals("syntax-error", p.code());
        assertEquals("lib/x.tsx", p.source().file());
        assertEquals(2, p.source().line());
    }

    @Test
    @DisplayName("an exception in a component is mapped back to the .tsx line, with the component stack")
    void exceptionInComponent() {
        var p = project("""
                import { useInstance } from "creact";
                type Props = { region: string };

                function Bucket({ region }: Props) {
                  if (region !== "eu") {
                    throw new Error("unsupported region " + region);
                  }
                  return null;
                }
                function Storage() { return <Bucket region="us"/>; }
                export default function App() { return <Storage/>; }
                """).onlyProblem(engine);
        assertEquals("runtime-error", p.code());
        assertEquals(6, p.source().line());
        assertEquals("infrastructure.tsx", p.source().file());
        assertTrue(p.message().contains("unsupported region us"), p.message());
        assertTrue(p.message().contains("in components: Bucket (infrastructure.tsx:10:29) < Storage (infrastructure.tsx:11:40) < App"),
                p.message());
    }

    @Test
    @DisplayName("an import that does not resolve names the importing file and line")
    void unresolvedImport() {
        var p = new TestProject(dir)
                .file("infrastructure.tsx", "import { A } from './a';\nimport { Missing } from './components/missing';\nexport default function App() { return <><A/><Missing/></>; }\n")
                .file("a.tsx", "export function A() { return null; }\n")
                .onlyProblem(engine);
        assertEquals("unresolved-import", p.code());
        assertEquals("infrastructure.tsx", p.source().file());
        assertEquals(2, p.source().line());
        assertTrue(p.message().contains("./components/missing"), p.message());
    }

    @Test
    @DisplayName("an unknown bare module is refused with the list of built-in modules")
    void unknownBareModule() {
        var p = project("import _ from 'lodash';\nexport default function App() { _.noop(); return null; }\n").onlyProblem(engine);
        assertEquals("unresolved-import", p.code());
        assertTrue(p.hint().contains("creact/local"), p.hint());
    }

    @Test
    @DisplayName("importing a file outside the project root is refused")
    void importOutsideRoot() throws Exception {
        Path outside = Files.createTempFile("creact-outside", ".js");
        Files.writeString(outside, "export const secret = 1;\n");
        var p = project("import { secret } from " + "\"" + outside + "\";\nexport default function App() { return secret ? null : null; }\n")
                .onlyProblem(engine);
        assertEquals("unresolved-import", p.code());
        assertTrue(p.message().contains("outside the project root"), p.message());
    }

    @Test
    @DisplayName("while (true) {} is stopped at the time limit, and the engine keeps working")
    void endlessLoop() {
        var p = project("""
                export default function App() {
                  while (true) {}
                }
                """);
        var r = engine.build(BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev")
                .withLimits(SandboxLimits.DEFAULT.withTimeLimit(Duration.ofMillis(500))));
        assertEquals(1, r.problems().size());
        Problem problem = r.problems().getFirst();
        assertEquals("time-limit", problem.code());
        assertTrue(problem.message().contains("500 ms"), problem.message());
        // An interrupted loop has no JavaScript stack left; the error points at the running component.
        assertNotNull(problem.source());
        assertEquals(1, problem.source().line());
        assertTrue(problem.message().contains("while rendering component App"), problem.message());
        // The shared engine is still usable afterwards.
        p.file("infrastructure.tsx", "export default function App() { return null; }\n");
        assertTrue(p.build(engine).ok());
    }

    @Test
    @DisplayName("endless recursion ends in a stack-overflow error at the recursive line")
    void endlessRecursion() {
        var p = project("""
                function down(n: number): number {
                  return down(n + 1) + 1;
                }
                export default function App() { down(0); return null; }
                """).onlyProblem(engine);
        assertEquals("stack-overflow", p.code());
        // GraalJS reports the overflow at the call or at the entry of the recursive function.
        assertTrue(p.source().line() == 1 || p.source().line() == 2, p.render());
        assertTrue(p.message().contains("at down (infrastructure.tsx:"), p.message());
    }

    @Test
    @DisplayName("a component that renders itself forever is stopped")
    void recursiveComponent() {
        var p = project("""
                function Loop() { return <Loop/>; }
                export default function App() { return <Loop/>; }
                """).onlyProblem(engine);
        assertEquals("render-too-deep", p.code());
    }

    @Test
    @DisplayName("runaway allocation is stopped at the memory cap")
    void memoryCap() {
        project("""
                export default function App() {
                  const all = [];
                  while (true) { all.push(new Array(10000).fill("x")); }
                }
                """);
        var r = engine.build(BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev")
                .withLimits(new SandboxLimits(Duration.ofSeconds(20), 256L << 20)));
        assertEquals("memory-limit", r.problems().getFirst().code(), r.problems().getFirst().render());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Java.type('java.lang.Runtime')",
            "require('fs')",
            "fetch('http://example.com')",
            "process.exit(1)",
            "Polyglot.eval('js', '1')",
            "load('/etc/passwd')",
            "Packages.java.lang.System",
    })
    @DisplayName("user code cannot reach the host")
    void hostAccessIsRefused(String expression) {
        var p = project("export default function App() {\n  const x = " + expression + ";\n  return null;\n}\n").onlyProblem(engine);
        assertEquals("sandbox-violation", p.code(), p.render());
        assertEquals(2, p.source().line());
        assertTrue(p.hint().contains("sandbox"), p.hint());
    }

    @Test
    @DisplayName("new Worker / setTimeout style escapes do not exist either")
    void noThreads() {
        var r = project("export default function App() { return typeof Worker === 'undefined' && typeof java === 'undefined' ? null : 1; }\n")
                .build(engine);
        assertTrue(r.ok(), r.problems().toString());
    }

    @Test
    @DisplayName("a component returning something that is not an element")
    void notAnElement() {
        var p = project("""
                function Broken() { return { bucket: 1 }; }
                export default function App() { return <Broken/>; }
                """).onlyProblem(engine);
        assertEquals("not-an-element", p.code());
        assertTrue(p.message().contains("component Broken returned an object"), p.message());
        assertTrue(p.message().contains("in components: Broken"), p.message());
    }

    @Test
    @DisplayName("an async component")
    void asyncComponent() {
        var p = project("""
                async function Slow() { return null; }
                export default function App() { return <Slow/>; }
                """).onlyProblem(engine);
        assertEquals("async-component", p.code());
    }

    @Test
    @DisplayName("a hook called outside a component")
    void hookOutsideComponent() {
        var p = project("""
                import { useState } from "creact";
                const [x] = useState(1);
                export default function App() { return null; }
                """).onlyProblem(engine);
        assertEquals("hook-outside-component", p.code());
        assertEquals(2, p.source().line());
        assertTrue(p.hint().contains("top level of a function component"), p.hint());
    }

    @Test
    @DisplayName("no default export")
    void noDefaultExport() {
        var p = project("export function App() { return null; }\n").onlyProblem(engine);
        assertEquals("no-root-component", p.code());
    }

    @Test
    @DisplayName("a missing entry file says how to start")
    void missingEntry() {
        var p = new TestProject(dir).onlyProblem(engine);
        assertEquals("entry-not-found", p.code());
        assertTrue(p.hint().contains("creact init"));
    }

    @Test
    @DisplayName("a function as a prop value names the resource and the prop")
    void functionProp() {
        var p = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() { useInstance(MockResource, { key: "m", onCreate: () => 1 }); return null; }
                """).onlyProblem(engine);
        assertEquals("invalid-prop-value", p.code());
        assertEquals("m", p.resourceId());
        assertTrue(p.message().contains("onCreate"), p.message());
    }

    @Test
    @DisplayName("a function nested inside a prop value names the resource and the prop")
    void nestedFunctionProp() {
        var p = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() { useInstance(MockResource, { key: "m", tags: { hook: () => 1 } }); return null; }
                """).onlyProblem(engine);
        assertEquals("invalid-prop-value", p.code());
        assertEquals("m", p.resourceId());
        assertTrue(p.message().contains("hook"), p.message());
    }

    @Test
    @DisplayName("a function prop is refused also when user code froze Function.prototype")
    void functionPropWithFrozenPrototype() {
        var p = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                Object.freeze(Function.prototype);
                export default function App() { useInstance(MockResource, { key: "m", onCreate: () => 1 }); return null; }
                """).onlyProblem(engine);
        assertEquals("invalid-prop-value", p.code());
        assertEquals("m", p.resourceId());
    }

    @Test
    @DisplayName("a stack whose code froze Function.prototype and BigInt.prototype still builds")
    void frozenPrototypesBuild() {
        var dom = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                Object.freeze(Function.prototype);
                Object.freeze(BigInt.prototype);
                export default function App() { useInstance(MockResource, { key: "m", size: 3, big: 7n }); return null; }
                """).dom(engine);
        assertEquals(3, dom.byId().get("m").props().get("size").asInt());
        assertEquals("7", dom.byId().get("m").props().get("big").asText());
    }

    @Test
    @DisplayName("a bigint prop is saved as its digits, and JSON.stringify in user code is left as JavaScript has it")
    void bigintPropAndUserStringify() {
        var dom = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  useInstance(MockResource, { key: "m", big: 12345678901234567890n, json: JSON.stringify({ a: 1, f: () => 2 }) });
                  return null;
                }
                """).dom(engine);
        var props = dom.byId().get("m").props();
        assertEquals("12345678901234567890", props.get("big").asText());
        assertEquals("{\"a\":1}", props.get("json").asText());
    }

    @Test
    @DisplayName("an intrinsic element such as <div>")
    void intrinsicElement() {
        var p = project("export default function App() { return <div/>; }\n").onlyProblem(engine);
        assertEquals("intrinsic-element", p.code());
        assertFalse(p.message().isBlank());
    }
}
