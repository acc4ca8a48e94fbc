package dev.creact.engine;

import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.api.Project;
import dev.creact.engine.api.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the specs that drive the engine as its clients do, through the API: one engine for the class,
 * a fresh project folder for each test, and the projects opened in it closed after.
 */
public abstract class ApiSpec {
    protected static CreactEngine engine;

    @TempDir
    protected Path dir;

    private final List<Project> opened = new ArrayList<>();

    @BeforeAll
    static void startEngine() {
        engine = new CreactEngine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @AfterEach
    void closeProjects() {
        opened.forEach(Project::close);
    }

    /** A project in this test's folder with the given entry module. */
    protected TestProject project(String infrastructure) {
        return new TestProject(dir).file("infrastructure.tsx", infrastructure);
    }

    /** The stack {@code dev} of the project at {@code root}, opened afresh (its configuration read now). */
    protected Stack stack(Path root) {
        var project = engine.open(root);
        opened.add(project);
        return project.stack("dev");
    }

    protected Stack stack() {
        return stack(dir);
    }

    /** The input of a deploy of {@code infrastructure.tsx}: short retries, so failure tests are quick. */
    protected static DeployInput input(String commandLine) {
        return new DeployInput(BuildInput.of(Path.of("infrastructure.tsx")), commandLine, 10, 3, Duration.ofMillis(5));
    }
}
