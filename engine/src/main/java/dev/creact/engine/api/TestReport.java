package dev.creact.engine.api;

import dev.creact.engine.model.SourceSpan;

import java.util.List;

/**
 * What {@code creact test} found: every test of the project's {@code *.test.tsx} files (and every deploy
 * cycle check) with its outcome.
 */
public record TestReport(List<Test> tests, long millis) {
    /**
     * One test.
     *
     * @param file     the test file, relative to the project
     * @param message  why it failed (naming the resource and prop when an assertion or snapshot does), or null
     * @param location where it failed in the test file, when known
     */
    public record Test(String file, String name, boolean passed, String message, SourceSpan location, long millis) {
    }

    public TestReport {
        tests = List.copyOf(tests);
    }

    public long passed() {
        return tests.stream().filter(Test::passed).count();
    }

    public long failed() {
        return tests.size() - passed();
    }

    public boolean ok() {
        return failed() == 0;
    }
}
