package dev.creact.server;

import dev.creact.engine.deploy.DeployListener;
import dev.creact.engine.model.Action;
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

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deploy's progress as LSP work-done progress ({@code $/progress}: begin, a report per finished
 * operation, end), and its notes as log messages. Uses the client's token when the command came with one,
 * else creates one with {@code window/workDoneProgress/create}; without either, only logs.
 */
public final class DeployProgress implements DeployListener {
    private final LanguageClient client;
    private final Either<String, Integer> token;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();

    private DeployProgress(LanguageClient client, Either<String, Integer> token) {
        this.client = client;
        this.token = token;
    }

    /** Starts progress titled {@code title}. Call off the message thread: it may wait for the client. */
    public static DeployProgress begin(LanguageClient client, Either<String, Integer> clientToken,
                                       boolean clientCreatesTokens, String title) {
        Either<String, Integer> token = clientToken;
        if (token == null && clientCreatesTokens) {
            var created = Either.<String, Integer>forLeft("creact-deploy-" + UUID.randomUUID());
            try {
                client.createProgress(new WorkDoneProgressCreateParams(created)).get(10, TimeUnit.SECONDS);
                token = created;
            } catch (Exception e) {
                client.logMessage(new MessageParams(MessageType.Warning, "creact: no deploy progress in the editor: " + e));
            }
        }
        var progress = new DeployProgress(client, token);
        var begin = new WorkDoneProgressBegin();
        begin.setTitle(title);
        begin.setCancellable(false);
        begin.setMessage("planning");
        begin.setPercentage(0);
        progress.send(begin);
        return progress;
    }

    @Override
    public void cycleStarted(int cycle, int operations) {
        total.addAndGet(operations);
        report((cycle > 1 ? "cycle " + cycle + ": " : "") + operations + " operation(s)");
    }

    @Override
    public void operationStarted(String id, Action action) {
        report(action.symbol() + " " + action.word() + " " + id);
    }

    @Override
    public void operationRetrying(String id, Action action, int retry, String error) {
        report(action.word() + " " + id + ": retry " + retry + " (" + error + ")");
    }

    @Override
    public void operationFinished(String id, Action action, boolean ok, boolean skipped, String error, long millis) {
        done.incrementAndGet();
        report(action.symbol() + " " + id + (ok ? " ✓" : skipped ? " skipped" : " ✗ " + error));
    }

    @Override
    public void note(String message) {
        client.logMessage(new MessageParams(MessageType.Info, "creact deploy: " + message));
    }

    public void end(String message) {
        var end = new WorkDoneProgressEnd();
        end.setMessage(message);
        send(end);
    }

    private void report(String message) {
        var report = new WorkDoneProgressReport();
        report.setMessage(message);
        int t = total.get();
        report.setPercentage(t == 0 ? 0 : Math.min(100, done.get() * 100 / t));
        send(report);
    }

    private void send(WorkDoneProgressNotification notification) {
        if (token != null) {
            client.notifyProgress(new ProgressParams(token, Either.forLeft(notification)));
        }
    }
}
