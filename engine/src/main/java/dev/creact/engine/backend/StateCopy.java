package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.StateSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies everything one backend holds of its stacks into another ({@code creact state migrate}, as
 * {@code terraform init -migrate-state}): each stack's state with its serial, its deployment record, its
 * current journal, its documents and its logs. Both sides' locks are held while a stack is copied, so
 * nothing deploys meanwhile; stacks the target already holds are refused before anything is written;
 * every copy is read back from the target and compared; the source is only read.
 */
public final class StateCopy {
    /** What was copied of one stack. */
    public record Copied(String stack, long serial, int resources, boolean deploymentRecord, int journalEntries,
                         List<String> documents, List<String> logs) {
    }

    /** The copy could not be made or did not read back the same; the message says which stack and what. */
    public static final class CopyException extends RuntimeException {
        public CopyException(String message) {
            super(message);
        }
    }

    private static final Duration LOCK_TTL = Duration.ofSeconds(30);

    private StateCopy() {
    }

    /**
     * Copies every stack of {@code source} into {@code target} and verifies each copy.
     *
     * @throws CopyException      when the target already holds one of the stacks (nothing is written then), or a
     *                            copy does not read back the same
     * @throws LockHeldException  when one of the stacks is locked (a deployment is running)
     */
    public static List<Copied> copy(StateBackend source, StateBackend target, String command) {
        var stacks = source.stacks();
        var taken = new ArrayList<String>();
        var held = new java.util.HashSet<>(target.stacks());
        for (String s : stacks) {
            if (held.contains(s)) {
                taken.add(s);
            }
        }
        if (!taken.isEmpty()) {
            throw new CopyException("the target backend, " + target.describe() + ", already holds stack(s) "
                    + String.join(", ", taken) + "; nothing was copied. Copy into a backend that does not hold them "
                    + "(move them away there first: for the file backend, .creact/stacks/<stack>).");
        }
        var out = new ArrayList<Copied>();
        for (String stack : stacks) {
            try (var from = source.lock(stack, command, LOCK_TTL); var to = target.lock(stack, command, LOCK_TTL)) {
                out.add(copyStack(source, target, stack));
            }
        }
        return out;
    }

    private static Copied copyStack(StateBackend source, StateBackend target, String stack) {
        Optional<StateSnapshot> state = source.read(stack);
        var deployment = source.readDeployment(stack);
        List<JsonNode> journal = source.readJournal(stack);
        var documents = source.documents(stack);
        var logs = source.logs(stack);

        state.ifPresent(s -> target.importState(stack, s));
        deployment.ifPresent(d -> target.writeDeployment(stack, d));
        if (!journal.isEmpty()) {
            try (var j = target.openJournal(stack, true)) {
                journal.forEach(e -> j.append((ObjectNode) e));
                j.sync();
            }
        }
        for (String name : documents) {
            target.writeDocument(stack, name, source.readDocument(stack, name).orElseThrow());
        }
        for (String name : logs) {
            for (String line : source.readLog(stack, name)) {
                target.appendLog(stack, name, line);
            }
        }

        // Read everything back from the target and compare with the source.
        var problems = new ArrayList<String>();
        var copiedState = target.read(stack);
        if (!Objects.equals(state.map(StateSnapshot::serial), copiedState.map(StateSnapshot::serial))
                || !Objects.equals(state.map(StateSnapshot::cloudDom), copiedState.map(StateSnapshot::cloudDom))) {
            problems.add("the state");
        }
        if (!Objects.equals(deployment, target.readDeployment(stack))) {
            problems.add("the deployment record");
        }
        if (!journal.equals(target.readJournal(stack))) {
            problems.add("the journal");
        }
        if (!documents.equals(target.documents(stack))) {
            problems.add("the list of documents");
        }
        for (String name : documents) {
            if (!Arrays.equals(source.readDocument(stack, name).orElseThrow(), target.readDocument(stack, name).orElse(null))) {
                problems.add("document " + name);
            }
        }
        if (!logs.equals(target.logs(stack))) {
            problems.add("the list of logs");
        }
        for (String name : logs) {
            if (!source.readLog(stack, name).equals(target.readLog(stack, name))) {
                problems.add("log " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new CopyException("the copy of stack '" + stack + "' in " + target.describe() + " does not read back the "
                    + "same (" + String.join(", ", problems) + "); the source is untouched. Remove the stack from the target "
                    + "and try again.");
        }
        return new Copied(stack, state.map(StateSnapshot::serial).orElse(0L),
                state.map(s -> s.cloudDom().size()).orElse(0), deployment.isPresent(), journal.size(), documents, logs);
    }
}
