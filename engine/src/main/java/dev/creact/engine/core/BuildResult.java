package dev.creact.engine.core;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;
import dev.creact.engine.render.RenderResult;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a build: the CloudDOM (null when user code failed before producing one), every
 * problem found, the render details (modules loaded, console output, effects), and how long it took.
 */
public record BuildResult(CloudDom cloudDom, List<Problem> problems, RenderResult render, Duration elapsed) {
    public BuildResult {
        problems = List.copyOf(problems);
    }

    /** A CloudDOM was produced and no error was found. */
    public boolean ok() {
        return cloudDom != null && problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }
}
