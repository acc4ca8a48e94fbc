package dev.creact.engine.backend;

/**
 * A state write lost a race: the stack's serial moved on since the writer read it (another process or
 * machine wrote in between). Nothing was written; the writer must read again and decide afresh.
 */
public final class SerialConflictException extends RuntimeException {
    private final String stack;
    private final long expected;
    private final long actual;

    public SerialConflictException(String stack, long expected, long actual) {
        super("the state of stack '" + stack + "' is at serial " + actual + ", not " + expected
                + ": something else wrote it meanwhile; nothing was written. Run the command again to work from the current state.");
        this.stack = stack;
        this.expected = expected;
        this.actual = actual;
    }

    public String stack() {
        return stack;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
