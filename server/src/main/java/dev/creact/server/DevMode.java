package dev.creact.server;

import dev.creact.engine.api.DeployInput;
import dev.creact.engine.api.DevCycle;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ShowMessageRequestParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * Dev mode (deploy on save): while it is on, saving a file of a stack runs one {@link DevCycle} step for
 * that stack with the editor's contents. The engine decides what is safe, what to deploy and when to roll
 * back; this class only asks the user about unsafe changes ({@code window/showMessageRequest}), reports
 * {@code $/progress}, and shows the outcome (diagnostics, lenses, messages).
 *
 * <p>Cycles run one at a time on the command workers, and never at the same time as an editor deploy (they
 * share {@code deploySlot}): a save during a cycle runs one more cycle after it. Switching dev mode on
 * deploys nothing; only a save does.
 */
final class DevMode {
    static final String APPLY = "Apply";
    static final String SKIP = "Skip";
    /** How many unsafe changes a question names. */
    static final int QUESTION_LISTS = 10;

    private final CreactLanguageServer server;
    private final Semaphore deploySlot;
    private final SerialQueue<StackSession> queue;
    private volatile boolean on;
    private volatile boolean closing;
    private volatile CompletableFuture<MessageActionItem> question;

    DevMode(CreactLanguageServer server, Executor workers, Semaphore deploySlot) {
        this.server = server;
        this.deploySlot = deploySlot;
        this.queue = new SerialQueue<>(workers, this::cycle, t -> server.logError("dev mode cycle failed", t));
    }

    /** Switches dev mode to {@code wanted}, or toggles it when null; returns the new state. */
    boolean set(Boolean wanted) {
        boolean now;
        synchronized (this) {
            now = wanted == null ? !on : wanted;
            on = now;
        }
        server.log(MessageType.Info, "creact: dev mode " + (now
                ? "on: saving a file of the stack deploys its safe changes at once and asks before unsafe ones"
                : "off"));
        return now;
    }

    /**
     * A document was saved: in dev mode, queue a cycle for every stack that loads it, and answer those
     * stacks. A queued cycle ends with an evaluation, so these stacks need no other one for this save.
     */
    Set<StackSession> saved(Path file) {
        if (!on || closing) {
            return Set.of();
        }
        var queued = new HashSet<StackSession>();
        for (var s : server.sessions()) {
            if (s.dependsOn(file)) {
                queue.submit(s);
                queued.add(s);
            }
        }
        return queued;
    }

    /** Stops asking (a pending question is answered Skip) and waits for a running cycle to end. */
    boolean close(Duration limit) {
        closing = true;
        var q = question;
        if (q != null) {
            q.cancel(true);
        }
        return queue.awaitIdle(limit);
    }

    private void cycle(StackSession s) {
        if (closing) {
            return; // the editor left while this save waited
        }
        if (!on) {
            server.evaluateNow(s); // switched off while this save waited: show the plan as a save without dev mode would
            return;
        }
        deploySlot.acquireUninterruptibly();
        try {
            run(s);
        } finally {
            deploySlot.release();
        }
    }

    private void run(StackSession s) {
        var client = server.client();
        var progress = server.beginProgress(null, "creact dev (" + s.stack() + ")");
        DevCycle cycle;
        try {
            cycle = s.engineStack() == null ? DevCycle.refused(s.openProblems())
                    : s.engineStack().devCycle(DeployInput.of(server.buildInput(s), "creact lsp (dev mode)"), false,
                    new Asker(s.stack(), progress.cancellation()), progress, progress.cancellation());
        } catch (RuntimeException e) {
            progress.end("creact dev failed: " + e.getMessage());
            client.showMessage(new MessageParams(MessageType.Error, "creact dev failed: " + e.getMessage()));
            throw e;
        }
        switch (cycle.outcome()) {
            case APPLIED, NO_CHANGES, SKIPPED -> s.deployFinished(List.of());
            case ROLLED_BACK, FAILED, REFUSED -> s.deployFinished(cycle.problems());
            case BUILD_FAILED, CANCELLED -> { } // the evaluation shows a build's errors by itself
        }
        cycle.held().forEach((id, why) -> client.logMessage(new MessageParams(MessageType.Info,
                "creact dev: held " + id + ": " + why)));
        // Lenses and diagnostics show the deployed state before the progress ends.
        server.evaluateNow(s);
        String summary = summary(cycle);
        progress.end(summary);
        switch (cycle.outcome()) {
            case ROLLED_BACK, FAILED, REFUSED -> client.showMessage(new MessageParams(MessageType.Error, summary));
            default -> client.logMessage(new MessageParams(MessageType.Info, summary));
        }
    }

    /** What the progress ends with and the log (or an error message) says. */
    static String summary(DevCycle c) {
        return "creact dev: " + switch (c.outcome()) {
            case APPLIED -> "applied " + count(c.applied().size(), "change") + " in " + c.totalMillis() + " ms"
                    + (c.held().isEmpty() ? "" : "; skipped " + count(c.held().size(), "change"));
            case NO_CHANGES -> "no changes";
            case SKIPPED -> "skipped " + count(c.held().size(), "unsafe change");
            case BUILD_FAILED -> "not deployed: the files have errors (see the problems)";
            case ROLLED_BACK -> "deploy failed, rolled back: " + errors(c.problems());
            case FAILED -> "deploy failed and so did the rollback: " + errors(c.problems())
                    + "; run `creact rollback` once the cause is fixed";
            case REFUSED -> "not deployed: " + errors(c.problems());
            case CANCELLED -> "cancelled" + (c.applied().isEmpty() ? "; nothing was applied"
                    : " after applying " + count(c.applied().size(), "change") + "; the rest shows as still to do");
        };
    }

    /**
     * {@code creact dev: apply 1 unsafe change to stack 'dev'? + create local:File notes (creates a resource)}
     */
    static String question(String stack, List<Change> unsafe) {
        // A message box is no place for a whole first deploy: the rest are in the diagnostics and the plan.
        String listed = unsafe.stream().limit(QUESTION_LISTS).map(DevMode::describe).collect(Collectors.joining("; "));
        int more = unsafe.size() - QUESTION_LISTS;
        return "creact dev: apply " + count(unsafe.size(), "unsafe change") + " to stack '" + stack + "'? " + listed
                + (more > 0 ? "; and " + more + " more (see the problems or `creact plan`)" : "");
    }

    static String describe(Change c) {
        String why = c.safety() == null ? "" : " (" + c.safety().reason() + ")";
        return c.action().symbol() + " " + c.action().word() + " " + c.type() + " " + c.id() + why;
    }

    private static String errors(List<Problem> problems) {
        var errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).map(Problem::message).toList();
        return errors.isEmpty() ? "no details" : String.join("; ", errors);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Asks with {@code window/showMessageRequest} and waits; no answer, an error or closing mean Skip. */
    private final class Asker implements dev.creact.engine.api.Asker {
        private final String stack;
        private final CancellationToken cancelled;

        Asker(String stack, CancellationToken cancelled) {
            this.stack = stack;
            this.cancelled = cancelled;
        }

        @Override
        public boolean applyUnsafe(Plan plan, List<Change> unsafe) {
            return ask(question(stack, unsafe));
        }

        @Override
        public boolean applyChange(Plan plan, Change change) {
            return ask("creact dev: apply " + describe(change) + " to stack '" + stack + "'?");
        }

        private boolean ask(String message) {
            if (closing || cancelled.isCancelled()) {
                return false;
            }
            var params = new ShowMessageRequestParams(List.of(new MessageActionItem(APPLY), new MessageActionItem(SKIP)));
            params.setType(MessageType.Warning);
            params.setMessage(message);
            var pending = server.client().showMessageRequest(params);
            question = pending;
            Runnable unregister = cancelled.onCancel(() -> pending.cancel(true)); // cancelling the progress answers Skip
            try {
                if (closing) {
                    pending.cancel(true);
                }
                var answer = pending.get();
                return answer != null && APPLY.equals(answer.getTitle());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | CancellationException e) {
                server.log(MessageType.Warning, "creact dev: no answer (" + e + "); skipping the unsafe changes");
                return false;
            } finally {
                unregister.run();
                question = null;
            }
        }
    }
}
