package dev.creact.engine.render;

import dev.creact.engine.EngineSpec;
import dev.creact.engine.js.HostileSource;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole evaluations (transpile, load, run) of hostile modules ({@link HostileSource}) imported by an
 * ordinary entry: each ends in a CloudDOM or in problems a user can act on, with a place for every
 * refusal of the source, and the engine goes on working. Seeded: a failure names its seed.
 */
@DisplayName("Evaluation fuzz: deep and large input ends in a result or a located problem")
class EvaluationFuzzTest extends EngineSpec {
    private static final Set<String> EXPECTED = Set.of("syntax-error", "nesting-too-deep", "file-too-large",
            "runtime-error", "stack-overflow", "time-limit", "memory-limit", "unresolved-import", "invalid-prop-value");
    private static final Set<String> LOCATED = Set.of("syntax-error", "nesting-too-deep", "file-too-large");

    @RepeatedTest(value = 60, name = "seed {currentRepetition}")
    @DisplayName("hostile module")
    void hostileModule(RepetitionInfo repetition) {
        long seed = 1000 + repetition.getCurrentRepetition();
        var result = project("""
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                import { value } from "./hostile";
                export default function App() {
                  useInstance(MockResource, { key: "m", kind: typeof value });
                  return null;
                }
                """).file("hostile.tsx", new HostileSource(seed).module()).build(engine);
        for (Problem p : result.problems()) {
            assertTrue(EXPECTED.contains(p.code()), "seed " + seed + ": " + p.render());
            if (LOCATED.contains(p.code())) {
                assertNotNull(p.source(), "seed " + seed + ": " + p.render());
                assertEquals("hostile.tsx", p.source().file(), "seed " + seed + ": " + p.render());
            }
        }
        assertTrue(project("export default function App() { return null; }\n").build(engine).ok(),
                "seed " + seed + ": the engine works on");
    }
}
