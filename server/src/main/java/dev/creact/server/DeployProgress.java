package dev.creact.server;

import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deploy's progress as LSP work-done progress ({@code $/progress}: begin, a report per finished
 * operation, end), and its notes as log messages. Uses the client's token when the command came with one,
 * else creates one with {@code window/workDoneProgress/create}; without either, only logs.
 *
 * <p>The progress is cancellable: the client's {@code window/workDoneProgress/cancel} for its token cancels
 * {@link #cancellation()}, which the deploy watches (operations already started finish, no new one starts,
 * the lock is released). Creating a token does not hold up the deploy: notifications wait, in order,
 * until the client has answered.
 */
public final class DeployProgress implements DeployEvent.Listener {
    private final LanguageClient client;
    private final Either<String, Integer> token;
    private final Map<String, DeployProgress> running;
    private final CancellationToken cancellation = new CancellationToken();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    /** Notifications held while the client creates the token; null once they can go out (or never will). */
    private List<WorkDoneProgressNotification> held;
    private boolean dropped;

    private DeployProgress(LanguageClient client, Either<String, Integer> token, Map<String, DeployProgress> running,
                           boolean waitForCreate) {
        this.client = client;
        this.token = token;
        this.running = running;
        this.held = waitForCreate ? new ArrayList<>() : null;
    }

    /**
     * Starts progress titled {@code title}; returns at once. It is in {@code running}, by {@link #key}, until
     * it ends, so that {@link #cancel} can find it.
     */
    public static DeployProgress begin(LanguageClient client, Either<String, Integer> clientToken,
                                       boolean clientCreatesTokens, String title, Map<String, DeployProgress> running) {
        boolean create = clientToken == null && clientCreatesTokens;
        Either<String, Integer> token = create ? Either.forLeft("creact-deploy-" + UUID.randomUUID()) : clientToken;
        var progress = new DeployProgress(client, token, running, create);
        if (token != null) {
            running.put(key(token), progress);
        }
        if (create) {
            client.createProgress(new WorkDoneProgressCreateParams(token)).orTimeout(10, TimeUnit.SECONDS)
                    .whenComplete((ok, error) -> progress.created(error));
        }
        var begin = new WorkDoneProgressBegin();
        begin.setTitle(title);
        begin.setCancellable(token != null);
        begin.setMessage("planning");
        begin.setPercentage(0);
        progress.send(begin);
        return progress;
    }

    /** The user cancelled the progress: the deploy stops starting operations. */
    public void cancel() {
        report("cancelling: operations already started finish, no new one starts");
        cancellation.cancel();
    }

    /** Cancelled when the user cancels the progress in the editor. */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /** Reads the deploy events: each cycle and finished operation is a report, each note a log message. */
    @Override
    public void on(DeployEvent event) {
        switch (event) {
            case DeployEvent.CycleStarted c -> {
                total.addAndGet(c.operations());
                report((c.cycle() > 1 ? "cycle " + c.cycle() + ": " : "") + c.operations() + " operation(s)");
            }
            case DeployEvent.OperationIntent i -> report(i.action().symbol() + " " + i.action().word() + " " + i.id());
            case DeployEvent.OperationRetrying r -> report(r.action().word() + " " + r.id() + ": retry " + r.attempt()
                    + " (" + r.error() + ")");
            case DeployEvent.OperationResult r -> {
                done.incrementAndGet();
                report(r.action().symbol() + " " + r.id() + (r.ok() ? " ✓" : r.skipped() ? " skipped" : " ✗ " + r.error()));
            }
            case DeployEvent.Note n -> client.logMessage(new MessageParams(MessageType.Info, "creact deploy: " + n.message()));
            default -> { }
        }
    }

    public void end(String message) {
        var end = new WorkDoneProgressEnd();
        end.setMessage(message);
        send(end);
        if (token != null) {
            running.remove(key(token), this);
        }
    }

    private void report(String message) {
        var report = new WorkDoneProgressReport();
        report.setMessage(message);
        int t = total.get();
        report.setPercentage(t == 0 ? 0 : Math.min(100, done.get() * 100 / t));
        send(report);
    }

    private synchronized void created(Throwable error) {
        if (error != null) {
            dropped = true;
            client.logMessage(new MessageParams(MessageType.Warning, "creact: no deploy progress in the editor: " + error));
        } else {
            held.forEach(this::notifyClient);
        }
        held = null;
    }

    private synchronized void send(WorkDoneProgressNotification notification) {
        if (token == null || dropped) {
            return;
        }
        if (held != null) {
            held.add(notification);
        } else {
            notifyClient(notification);
        }
    }

    private void notifyClient(WorkDoneProgressNotification notification) {
        client.notifyProgress(new ProgressParams(token, Either.forLeft(notification)));
    }

    /** A token as a map key (a string token and a number token never clash). */
    static String key(Either<String, Integer> token) {
        return token.isLeft() ? "s:" + token.getLeft() : "n:" + token.getRight();
    }
}
