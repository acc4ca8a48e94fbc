package dev.creact.cli;

import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.backend.StateCorruptException;
import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Problem;

import java.util.List;

/** The deployed state of the stack a command works on, read once, or the problem that stopped reading it. */
record StackState(StateSnapshot snapshot, List<Problem> problems) {

    static StackState read(GlobalOptions options) {
        try {
            var backend = new FileStateBackend(options.projectRoot());
            return new StackState(backend.read(options.stack).orElse(null), List.of());
        } catch (StateCorruptException e) {
            return new StackState(null, List.of(Problem.error("corrupt-state", e.getMessage(), null, null, null)));
        } catch (IllegalArgumentException e) {
            return new StackState(null, List.of(Problem.error("invalid-stack", e.getMessage(), null, null, null)));
        }
    }

    boolean failed() {
        return !problems.isEmpty();
    }

    CloudDom cloudDom() {
        return snapshot == null ? null : snapshot.cloudDom();
    }

    long serial() {
        return snapshot == null ? 0 : snapshot.serial();
    }
}
