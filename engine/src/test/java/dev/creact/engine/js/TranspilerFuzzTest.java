package dev.creact.engine.js;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The transpiler on hostile input ({@link HostileSource}): it returns a module, or refuses the file with
 * a {@link SourceLimitException} or a {@link JsSyntaxException} that has a place in it. Before the nesting
 * limit and the sized stacks, one of these inputs killed the test JVM (SIGSEGV in swc); a crash still
 * fails this run, as the forked JVM does not come back.
 */
@DisplayName("Transpiler fuzz: deep and large input never crashes it")
class TranspilerFuzzTest {
    private static Transpiler transpiler;

    @BeforeAll
    static void start() {
        transpiler = new Transpiler();
    }

    @AfterAll
    static void waitForBackgroundWork() throws InterruptedException {
        while (transpiler.running() > 0) {
            Thread.sleep(10);
        }
    }

    @RepeatedTest(value = 300, name = "seed {currentRepetition}")
    @DisplayName("hostile module")
    void hostileModule(RepetitionInfo repetition) {
        long seed = repetition.getCurrentRepetition();
        String source = new HostileSource(seed).module();
        Path file = Path.of("/fuzz/seed-" + seed + ".tsx");
        try {
            var module = transpiler.transpile(file, source);
            assertTrue(module.code() != null, "seed " + seed);
        } catch (SourceLimitException e) {
            assertTrue(e.line() >= 1 && e.column() >= 1, "seed " + seed + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), "seed " + seed + ": " + e.getMessage());
        } catch (JsSyntaxException e) {
            assertTrue(e.line() >= 1 && e.column() >= 1, "seed " + seed + ": " + e.getMessage());
            assertTrue(!e.detail().contains("\n"), "seed " + seed + ": one line only: " + e.detail());
        } catch (RuntimeException e) {
            fail("seed " + seed + ": neither a module nor a located refusal", e);
        }
    }
}
