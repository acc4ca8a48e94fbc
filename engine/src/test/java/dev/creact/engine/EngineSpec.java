package dev.creact.engine;

import dev.creact.engine.core.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Base of the specs that evaluate real projects: one engine for the class (the shared GraalJS engine
 * takes a second to start), and a fresh project folder for each test.
 */
public abstract class EngineSpec {
    protected static Engine engine;

    @TempDir
    protected Path dir;

    @BeforeAll
    static void startEngine() {
        engine = new Engine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** A project in this test's folder with the given entry module. */
    protected TestProject project(String infrastructure) {
        return new TestProject(dir).file("infrastructure.tsx", infrastructure);
    }
}
