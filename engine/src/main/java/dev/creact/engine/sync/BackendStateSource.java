package dev.creact.engine.sync;

import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.StateSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * Snapshots for the state sync server read through a backend: the deployed state and the deployment record
 * of each stack it holds (or only {@code onlyStack}).
 */
public final class BackendStateSource implements StateSource {
    private final StateBackend backend;
    private final String onlyStack;

    public BackendStateSource(StateBackend backend, String onlyStack) {
        this.backend = backend;
        this.onlyStack = onlyStack;
    }

    @Override
    public List<String> stacks() {
        return onlyStack != null ? List.of(onlyStack) : backend.stacks();
    }

    @Override
    public Optional<StackUpdate> snapshot(String stack) {
        if (onlyStack != null && !onlyStack.equals(stack)) {
            return Optional.empty();
        }
        var state = backend.read(stack);
        DeploymentState record = backend.readDeployment(stack).orElse(null);
        return Optional.of(StackUpdates.of(stack, state.map(StateSnapshot::cloudDom).orElse(null),
                state.map(StateSnapshot::serial).orElse(0L), record));
    }
}
