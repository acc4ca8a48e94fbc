package dev.creact.engine.js;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** swc runs on threads of its own; the evaluation waiting for it keeps its limits. */
@DisplayName("Transpiling within an evaluation's limits")
class TranspilerLimitsTest {
    /** Within the source limits, and some hundreds of milliseconds of swc's time (pretty-printed JSX). */
    private static String slowSource(String tag) {
        return "export const tree = " + "<a>".repeat(100) + ("<" + tag + "/>").repeat(3_900) + "</a>".repeat(100) + ";\n";
    }

    @Test
    @DisplayName("a stopped evaluation stops waiting for swc, which finishes in the background for the next caller")
    void stoppedEvaluationStopsWaiting() {
        var transpiler = new Transpiler();
        Path file = Path.of("/limits/slow.tsx");
        String source = slowSource("b");
        var meter = EvaluationMeter.forCurrentThread();
        meter.stop(JsEvaluationException.Kind.TIMEOUT, "time limit");
        var e = assertThrows(Transpiler.StoppedException.class, () -> transpiler.transpile(file, source, meter));
        assertEquals(file, e.file());
        assertEquals(1, transpiler.running(), "swc cannot be interrupted: its work goes on");
        var module = transpiler.transpile(file, source); // waits for that same work
        assertTrue(module.code().contains("_jsxDEV"));
        assertEquals(0, transpiler.running());
    }

    @Test
    @DisplayName("the CPU time of the transpiler's thread counts towards the evaluation's time limit")
    void transpilerTimeIsCounted() {
        var transpiler = new Transpiler();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var meter = EvaluationMeter.forCurrentThread();
        long ownAtStart = threads.getCurrentThreadCpuTime();
        transpiler.transpile(Path.of("/limits/counted.tsx"), slowSource("c"), meter);
        long own = threads.getCurrentThreadCpuTime() - ownAtStart;
        assertTrue(meter.cpuNanos() > own, "the meter counts more than the waiting thread's own " + own + " ns: "
                + meter.cpuNanos());
    }

    @Test
    @DisplayName("files are checked against the source limits before swc sees them")
    void sourceLimitsFirst() {
        var transpiler = new Transpiler();
        var e = assertThrows(SourceLimitException.class, () -> transpiler.transpile(Path.of("/limits/deep.ts"),
                "const x = " + "(".repeat(40_000) + ";"));
        assertEquals(SourceLimitException.NESTING, e.code());
        assertEquals(0, transpiler.running());
    }
}
