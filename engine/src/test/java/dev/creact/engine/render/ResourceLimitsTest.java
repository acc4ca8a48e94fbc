package dev.creact.engine.render;

import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time and memory limits say which limit was hit, and where. */
@DisplayName("Time and memory limits name the limit and the place")
class ResourceLimitsTest extends EngineSpec {

    private Problem onlyProblem(SandboxLimits limits) {
        var r = engine.build(BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev").withLimits(limits));
        assertEquals(1, r.problems().size(), r.problems().toString());
        return r.problems().getFirst();
    }

    @Test
    @DisplayName("new Uint8Array(1.5e9) is a memory-limit error at its line, refused before it is allocated")
    void hugeTypedArray() {
        project("""
                export default function App() {
                  const big = new Uint8Array(1.5e9);
                  return big.length > 0 ? null : null;
                }
                """);
        Problem p = onlyProblem(SandboxLimits.DEFAULT);
        assertEquals("memory-limit", p.code(), p.render());
        assertEquals(2, p.source().line(), p.render());
        assertTrue(p.message().startsWith("memory limit: a typed array of 1,500,000,000 elements was refused"), p.message());
    }

    @Test
    @DisplayName("a typed array of 2^52 elements is a memory-limit error too")
    void absurdTypedArray() {
        project("""
                export default function App() {
                  const big = new Float64Array(2 ** 52);
                  return big.length > 0 ? null : null;
                }
                """);
        Problem p = onlyProblem(SandboxLimits.DEFAULT);
        assertEquals("memory-limit", p.code(), p.render());
        assertEquals(2, p.source().line(), p.render());
    }

    @Test
    @DisplayName("an array buffer larger than the sandbox allows is a memory-limit error at its line")
    void hugeArrayBuffer() {
        project("""
                export default function App() {
                  const buffer = new ArrayBuffer(512 * 1024 * 1024);
                  return buffer.byteLength > 0 ? null : null;
                }
                """);
        Problem p = onlyProblem(new SandboxLimits(Duration.ofSeconds(5), 256L << 20));
        assertEquals("memory-limit", p.code(), p.render());
        assertEquals(2, p.source().line(), p.render());
    }

    @Test
    @DisplayName("a string longer than the sandbox allows is a memory-limit error at its line")
    void hugeString() {
        project("""
                export default function App() {
                  const s = "x".repeat(40_000_000);
                  return s.length > 0 ? null : null;
                }
                """);
        Problem p = onlyProblem(new SandboxLimits(Duration.ofSeconds(5), 64L << 20));
        assertEquals("memory-limit", p.code(), p.render());
        assertEquals(2, p.source().line(), p.render());
        assertTrue(p.message().contains("a string longer than"), p.message());
    }

    @Test
    @DisplayName("allocating past the cap little by little is a memory-limit error naming the cap and the component")
    void allocationCap() {
        project("""
                function Hoarder() {
                  const all = [];
                  while (true) { all.push(new Array(10000).fill("x")); }
                }
                export default function App() { return <Hoarder/>; }
                """);
        Problem p = onlyProblem(new SandboxLimits(Duration.ofSeconds(30), 128L << 20));
        assertEquals("memory-limit", p.code(), p.render());
        assertTrue(p.message().startsWith("memory limit: evaluation stopped after allocating more than 128 MiB"), p.message());
        // at the allocating line when the interrupt caught the code there, else at the component it was in
        assertNotNull(p.source(), p.render());
        assertTrue(p.source().line() == 3 || p.source().line() == 1 && p.message().contains("while rendering component Hoarder"),
                p.render());
    }

    @Test
    @DisplayName("the time limit names itself and the component")
    void timeLimit() {
        project("""
                function Spin() { while (true) {} }
                export default function App() { return <Spin/>; }
                """);
        Problem p = onlyProblem(SandboxLimits.DEFAULT.withTimeLimit(Duration.ofMillis(300)));
        assertEquals("time-limit", p.code(), p.render());
        assertTrue(p.message().startsWith("time limit: evaluation stopped after 300 ms"), p.message());
        assertEquals(1, p.source().line(), p.render());
    }

    @Test
    @DisplayName("the time limit holds while a large file is transpiled, and names that file")
    void timeLimitWhileTranspiling() {
        // 3,900 JSX elements 100 levels deep: within the limits, and among the slowest files swc is given (its
        // output is pretty-printed, so it grows with size times depth). How slow depends on the core and on how warm
        // swc is, so the limit is half of what swc takes for this text here and now: a fixed 150 ms let a warm swc
        // on a fast core finish first, and the limit then ran out while GraalJS parsed the output.
        String slow = "export const tree = " + "<a>".repeat(100) + "<b/>".repeat(3_900) + "</a>".repeat(100) + ";\n";
        var measure = new dev.creact.engine.js.Transpiler();
        long swcMillis = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) { // the second is as warm as the evaluation's will be
            long start = System.nanoTime();
            measure.transpile(dir.resolve("measure/slow-" + i + ".tsx"), slow);
            swcMillis = Math.min(swcMillis, (System.nanoTime() - start) / 1_000_000);
        }
        project("import { tree } from './slow';\nexport default function App() { return tree ? null : null; }\n")
                .file("slow.tsx", slow);
        Problem p = onlyProblem(SandboxLimits.DEFAULT.withTimeLimit(Duration.ofMillis(Math.max(20, swcMillis / 2))));
        assertEquals("time-limit", p.code(), p.render());
        assertTrue(p.message().contains("while transpiling slow.tsx"), p.message() + " (swc took " + swcMillis + " ms)");
        assertEquals("slow.tsx", p.source().file(), p.render());
    }
}
