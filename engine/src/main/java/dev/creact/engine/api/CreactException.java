package dev.creact.engine.api;

import dev.creact.engine.model.Problem;

/**
 * Something stopped an API call before it could start: a configuration that names an unknown backend or
 * provider, an invalid stack name, an unreadable plan file. {@link #problem()} says what, where and what
 * to do next, as every other problem does.
 */
public final class CreactException extends RuntimeException {
    private final Problem problem;

    public CreactException(Problem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public CreactException(String code, String message, String hint) {
        this(Problem.error(code, message, null, null, hint));
    }

    public Problem problem() {
        return problem;
    }
}
