package dev.creact.engine.deploy;

import dev.creact.engine.backend.IoFailure;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.Node;

import java.util.List;

/**
 * Where the deploy code sends its {@link DeployEvent}s: one stack's, to every listener, each shielded from
 * the others (a listener that throws is reported on stderr once per kind of failure and never stops a
 * deployment). Also the shorthand the deploy code uses to say what happened.
 */
public final class EventSink implements DeployEvent.Listener {
    private final String stack;
    private final List<DeployEvent.Listener> listeners;

    public EventSink(String stack, List<DeployEvent.Listener> listeners) {
        this.stack = stack;
        this.listeners = List.copyOf(listeners);
    }

    public static EventSink of(String stack, DeployEvent.Listener... listeners) {
        return new EventSink(stack, List.of(listeners));
    }

    public String stack() {
        return stack;
    }

    /** The same listeners, plus {@code more}. */
    public EventSink with(DeployEvent.Listener more) {
        var all = new java.util.ArrayList<>(listeners);
        all.add(more);
        return new EventSink(stack, all);
    }

    @Override
    public void on(DeployEvent event) {
        for (var l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                // a listener's file failure (the audit log on a full or read-only disk) is said as its errno and
                // path, as every other file failure is; anything else keeps its class, which is what a bug report needs
                String why = e instanceof java.io.UncheckedIOException io ? IoFailure.describe(io) : e.toString();
                System.err.println("creact: a deploy event listener failed on " + event.getClass().getSimpleName()
                        + ": " + why);
            }
        }
    }

    public void note(String message) {
        on(new DeployEvent.Note(stack, message, DeployEvent.now()));
    }

    void intent(String deploymentId, String id, String type, Action action, String step) {
        on(new DeployEvent.OperationIntent(stack, deploymentId, id, type, action, step, DeployEvent.now()));
    }

    void retrying(String deploymentId, String id, Action action, int attempt, String error) {
        on(new DeployEvent.OperationRetrying(stack, deploymentId, id, action, attempt, error, DeployEvent.now()));
    }

    void result(String deploymentId, String id, String type, Action action, boolean ok, boolean skipped, String error,
                long millis, Node node) {
        on(new DeployEvent.OperationResult(stack, deploymentId, id, type, action, ok, skipped, error, millis, node,
                DeployEvent.now()));
    }
}
