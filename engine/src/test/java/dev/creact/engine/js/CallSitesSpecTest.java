package dev.creact.engine.js;

import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call-site pass ({@link CallSites}) against the stack path it replaces: every fixture is built twice, with
 * the pass and without it (the runtime then reads each site from the stack, as it does for calls the pass cannot
 * see), and every resource's source, every problem's position, must be the same.
 */
@DisplayName("useInstance call sites from the transpiler")
class CallSitesSpecTest extends EngineSpec {
    private static final Pattern SITE = Pattern.compile(", \\{file: \"[^\"]*\", line: \\d+, column: \\d+, mapped: true}\\)");

    @AfterEach
    void passOn() {
        CallSites.enabled = true;
    }

    private static final String SECOND_MODULE = """
            import { useInstance } from "creact";
            import { MockResource } from "creact/mock";
            export function Db({ name }: { name: string }) {
              const db = useInstance(MockResource, { key: "db", name });
              return null;
            }
            """;

    @Test
    @DisplayName("named import, several calls on one line, a multi-line call, calls in nested functions and in a second module")
    void namedImport() {
        assertSameSites(p -> p
                .file("infrastructure.tsx", """
                        import { useInstance } from "creact";
                        import { MockResource } from "creact/mock";
                        import { LocalFile } from "creact/local";
                        import { Db } from "./lib/db";
                        type P = { n: number };
                        function Many({ n }: P) {
                          const made = Array.from({ length: n }, (_, i) => useInstance(MockResource, { key: `m${i}` }));
                          function helper(k: string) {
                            return useInstance(MockResource, { key: k, after: made[0].id });
                          }
                          helper("h1"); helper("h2");
                          return null;
                        }
                        export default function App() {
                          const a = useInstance(MockResource, { key: "a" }); const b = useInstance(MockResource, { key: "b", dependsOn: [a] });
                              useInstance<any>(MockResource, {
                                key: "multi",
                                value: `${b.id}`,
                              }
                              );
                          const nested = useInstance(MockResource, { key: "outer", inner: useInstance(MockResource, { key: "inner" }).id });
                          return <>
                            <Many n={3}/>
                            <Db name="x"/>
                            <LocalFile key="f" path="out/f" content={nested.id}/>
                          </>;
                        }
                        """)
                .file("lib/db.tsx", SECOND_MODULE), "infrastructure.tsx", 7, "lib/db.tsx", 1);
    }

    @Test
    @DisplayName("an aliased import and a namespace import")
    void aliasedAndNamespace() {
        assertSameSites(p -> p
                .file("infrastructure.tsx", """
                        import { useInstance as declareIt } from "creact";
                        import * as creact from "creact";
                        import { MockResource } from "creact/mock";
                        function Inner() {
                          creact.useInstance(MockResource, { key: "ns" });
                          return null;
                        }
                        export default function App() {
                          declareIt(MockResource, { key: "alias" });
                          const x = creact
                            .useInstance(MockResource, { key: "ns-multi" });
                          return <Inner/>;
                        }
                        """), "infrastructure.tsx", 3);
    }

    @Test
    @DisplayName("calls the pass cannot prove are creact's keep the stack path, with the same sites")
    void fallbacks() {
        assertSameSites(p -> p
                .file("infrastructure.tsx", """
                        import { useInstance } from "creact";
                        import { MockResource } from "creact/mock";
                        import { Other } from "./lib/other";
                        const declare = useInstance;
                        function Shadow() {
                          const go = (useInstance: any) => useInstance(MockResource, { key: "shadowed" });
                          return go(declare), null;
                        }
                        export default function App() {
                          declare(MockResource, { key: "by-value" });
                          useInstance(...[MockResource, { key: "spread" }] as const);
                          return <><Shadow/><Other/></>;
                        }
                        """)
                .file("lib/other.tsx", """
                        import * as creact from "creact";
                        import { MockResource } from "creact/mock";
                        function useInstance(a: unknown, b: unknown) { return creact.useInstance(MockResource, { key: "own" }); }
                        export function Other() { useInstance(1, 2); return null; }
                        """), "infrastructure.tsx", 0, "lib/other.tsx", 1);
    }

    @Test
    @DisplayName("an error thrown after a call on the same line keeps its position (the source map is moved with the text)")
    void errorAfterCallOnTheSameLine() {
        Consumer<TestProject> files = p -> p.file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const s: any = null;
                  const v = useInstance(MockResource, {}).id + s.boom();
                  return null;
                }
                """);
        Problem on = problem(files, "on");
        CallSites.enabled = false;
        Problem off = problem(files, "off");
        assertNotNull(on.source());
        assertEquals(off.source(), on.source());
        assertEquals(off.message(), on.message());
    }

    @Test
    @DisplayName("a user function named useInstance, not imported from creact, is not touched")
    void userFunction() {
        String text = """
                function useInstance(a: unknown, b: unknown, c?: unknown) { return c; }
                export const v = useInstance(1, 2);
                """;
        var code = new Transpiler().transpile(Path.of("/p/user.ts"), text).code();
        assertFalse(code.contains("mapped"), code);
    }

    /**
     * Builds the project with and without the pass: both give the same sources; {@code sited} says how many calls of
     * each file the pass gave a site (file, count, file, count, ...).
     */
    private void assertSameSites(Consumer<TestProject> files, Object... sited) {
        CallSites.enabled = true;
        var withPass = sources(files, "on");
        CallSites.enabled = false;
        var withStack = sources(files, "off");
        assertEquals(withStack, withPass);
        assertFalse(withPass.isEmpty());
        withPass.forEach((id, s) -> assertFalse(s.equals("null"), id + " has no site"));
        CallSites.enabled = true;
        for (int i = 0; i < sited.length; i += 2) {
            Path file = dir.resolve("on").resolve((String) sited[i]);
            assertEquals(sited[i + 1], sitesIn(file), "calls given a site in " + sited[i]);
        }
    }

    private static int sitesIn(Path file) {
        try {
            String code = new Transpiler().transpile(file, java.nio.file.Files.readString(file)).code();
            return (int) SITE.matcher(code).results().count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, String> sources(Consumer<TestProject> files, String folder) {
        var project = new TestProject(dir.resolve(folder));
        files.accept(project);
        var out = new LinkedHashMap<String, String>();
        for (Node n : project.dom(engine).allNodes()) {
            out.put(n.id(), String.valueOf(n.source()));
        }
        return out;
    }

    private Problem problem(Consumer<TestProject> files, String folder) {
        var project = new TestProject(dir.resolve(folder));
        files.accept(project);
        return project.onlyProblem(engine);
    }
}
