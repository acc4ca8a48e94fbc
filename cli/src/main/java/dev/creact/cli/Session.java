package dev.creact.cli;

import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.Project;
import dev.creact.engine.api.Stack;

/**
 * What one command works with: the engine, the project its options point at, and the stack. The engine is the
 * command's own, or, in the daemon, the daemon's {@link SharedEngine} (borrowed: closing the session leaves it open).
 */
final class Session implements AutoCloseable {
    final CreactEngine engine;
    final Project project;
    final Stack stack;
    private final boolean ownsEngine;

    private Session(CreactEngine engine, boolean ownsEngine, Project project, Stack stack) {
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        this.project = project;
        this.stack = stack;
    }

    /**
     * Opens the project and the stack of {@code options}.
     *
     * @throws CreactException when the configuration or the stack name is wrong (nothing is left open)
     */
    static Session open(GlobalOptions options) {
        return open(options, true);
    }

    /**
     * As {@link #open(GlobalOptions)}; with {@code mustExist}, a stack that was never created (other than the
     * default one) is refused with a suggestion, so a typo does not start a new stack.
     */
    static Session open(GlobalOptions options, boolean mustExist) {
        var shared = CommandIo.current().engine();
        boolean owns = shared == null;
        var engine = owns ? new CreactEngine(options.projectRoot(), options.entryFile())
                : shared.lend(options.projectRoot(), options.entryFile());
        Project project = null;
        try {
            project = engine.open(options.projectRoot());
            if (options.stack == null) {
                options.stack = project.defaultStack();
            }
            if (mustExist && !project.hasStack(options.stack)) {
                var known = new java.util.TreeSet<>(project.stacks());
                known.add(project.defaultStack());
                throw new dev.creact.engine.api.CreactException("unknown-stack", "no stack '" + options.stack + "'"
                        + dev.creact.engine.model.Suggestions.didYouMean(options.stack, known) + " (the stacks are "
                        + String.join(", ", known) + ")", "create it with `creact stack init " + options.stack + "`");
            }
            return new Session(engine, owns, project, project.stack(options.stack));
        } catch (RuntimeException e) {
            if (project != null) {
                project.close();
            }
            if (owns) {
                engine.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        project.close();
        if (ownsEngine) {
            engine.close();
        }
    }
}
