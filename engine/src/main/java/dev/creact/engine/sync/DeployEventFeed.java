package dev.creact.engine.sync;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeploymentState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns the deploy events of this process into state sync updates: an operation starting, a resource
 * applied, deleted or failed (a partial update each, cheap), and the whole state at every checkpoint and
 * status change of the deployment record, so subscribers follow a deploy resource by resource and end on
 * exactly the state that was written.
 */
public final class DeployEventFeed implements DeployEvent.Listener {
    private final Consumer<StackUpdate> sink;
    private final Function<String, DeploymentState> records;
    private final String onlyStack;
    /** The last checkpoint of each stack, so a status change can be published with the state it goes with. */
    private final Map<String, DeployEvent.Checkpoint> lastCheckpoint = new ConcurrentHashMap<>();

    /**
     * @param sink      where updates go (a server's {@code publish})
     * @param records   the stack's current deployment record (read when the status changes), or null
     * @param onlyStack the one stack to follow, or null for all
     */
    public DeployEventFeed(Consumer<StackUpdate> sink, Function<String, DeploymentState> records, String onlyStack) {
        this.sink = sink;
        this.records = records;
        this.onlyStack = onlyStack;
    }

    @Override
    public void on(DeployEvent event) {
        if (onlyStack != null && !onlyStack.equals(event.stack())) {
            return;
        }
        switch (event) {
            case DeployEvent.OperationIntent i -> sink.accept(StackUpdates.started(i.stack(), i.deploymentId(), i.id(), i.type(),
                    i.action().word()));
            case DeployEvent.OperationResult r -> {
                if (!r.ok()) {
                    sink.accept(StackUpdates.failed(r.stack(), r.deploymentId(), r.id(), r.type(), r.action().word()));
                } else if (r.node() != null) {
                    sink.accept(StackUpdates.applied(r.stack(), r.deploymentId(), r.node(), r.action().word()));
                } else if (r.action() == Action.DELETE) {
                    sink.accept(StackUpdates.deleted(r.stack(), r.deploymentId(), r.id(), r.action().word()));
                }
            }
            case DeployEvent.Checkpoint c -> {
                lastCheckpoint.put(c.stack(), c);
                sink.accept(StackUpdates.of(c.stack(), c.state(), c.serial(), records.apply(c.stack())));
            }
            case DeployEvent.StatusChanged s -> {
                var c = lastCheckpoint.get(s.stack());
                var record = records.apply(s.stack());
                if (c != null) {
                    sink.accept(StackUpdates.of(s.stack(), c.state(), c.serial(), record));
                } else if (record != null) {
                    sink.accept(StackUpdates.of(s.stack(), record.before(), 0, record));
                }
            }
            default -> { }
        }
    }
}
