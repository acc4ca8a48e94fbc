package dev.creact.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.DeployInput;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.PlanDocument;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

/**
 * {@code workspace/executeCommand}: {@code creact.plan} (the plan JSON), {@code creact.deploy} (deploys what
 * the editor shows, approved because the user asked; one at a time; progress as {@code $/progress}) and
 * {@code creact.dev} (dev mode on or off, see {@link DevMode}; toggles, or sets it to a boolean argument;
 * answers the new state). The optional first argument is the entry's URI.
 */
final class Commands {
    static final String PLAN = "creact.plan";
    static final String DEPLOY = "creact.deploy";
    static final String DEV = "creact.dev";
    static final String REFRESH = "creact.refresh";
    static final List<String> ALL = List.of(PLAN, DEPLOY, DEV, REFRESH);

    private final CreactLanguageServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("creact-command-", 0).stackSize(16L << 20).factory());
    /** Held by an editor deploy or a dev-mode cycle: one deploy at a time per server. */
    private final Semaphore deploySlot = new Semaphore(1);
    private final DevMode devMode;

    Commands(CreactLanguageServer server) {
        this.server = server;
        this.devMode = new DevMode(server, workers, deploySlot);
    }

    DevMode devMode() {
        return devMode;
    }

    CompletableFuture<Object> execute(ExecuteCommandParams params) {
        String entryUri = firstString(params.getArguments());
        return switch (params.getCommand()) {
            case PLAN -> CompletableFuture.supplyAsync(() -> plan(entryUri), workers);
            case DEPLOY -> deploy(params, entryUri);
            case REFRESH -> refresh(params, entryUri);
            case DEV -> CompletableFuture.completedFuture(new JsonPrimitive(devMode.set(firstBoolean(params.getArguments()))));
            default -> CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(
                    ResponseErrorCode.InvalidParams, "unknown command " + params.getCommand()
                    + "; the commands are " + String.join(", ", ALL), null)));
        };
    }

    private Object plan(String entryUri) {
        var s = server.sessionFor(entryUri);
        if (s.engineStack() == null) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "no plan: " + s.openProblems().stream().map(Problem::render).collect(Collectors.joining("\n")),
                    gson(Json.tree(s.openProblems()))));
        }
        var result = server.plan(s, new CancellationToken());
        if (!result.ok()) {
            throw new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    "no plan: " + result.problems().stream().map(Problem::render).collect(Collectors.joining("\n")),
                    gson(Json.tree(result.problems()))));
        }
        return gson(PlanDocument.toJson(result.plan()));
    }

    private CompletableFuture<Object> deploy(ExecuteCommandParams params, String entryUri) {
        var s = server.sessionFor(entryUri);
        if (!deploySlot.tryAcquire()) {
            String message = "A deploy is already running; wait for it to finish before deploying stack '"
                    + s.stack() + "' again.";
            server.client().showMessage(new MessageParams(MessageType.Warning, message));
            return CompletableFuture.failedFuture(new ResponseErrorException(
                    new ResponseError(ResponseErrorCode.RequestFailed, message, null)));
        }
        var running = CompletableFuture.supplyAsync(() -> {
            try {
                return deploy(s, params);
            } catch (RuntimeException e) {
                server.logError("deploy failed", e);
                server.client().showMessage(new MessageParams(MessageType.Error, "creact deploy failed: " + e.getMessage()));
                throw e;
            } finally {
                deploySlot.release();
            }
        }, workers);
        inFlight = running;
        return running;
    }

    private volatile CompletableFuture<Object> inFlight;

    /**
     * {@code creact.refresh}: reads every deployed resource through its provider and records what exists
     * (as {@code creact refresh}); what drifted shows as a warning at the resource's element until the next
     * deploy, and the plan then shows how to restore it. Shares the deploy slot: it takes the stack's lock.
     */
    private CompletableFuture<Object> refresh(ExecuteCommandParams params, String entryUri) {
        var s = server.sessionFor(entryUri);
        if (s.engineStack() == null) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.RequestFailed,
                    s.openProblems().stream().map(Problem::render).collect(Collectors.joining("\n")), null)));
        }
        if (!deploySlot.tryAcquire()) {
            String message = "A deploy is running; check for drift once it has finished.";
            server.client().showMessage(new MessageParams(MessageType.Warning, message));
            return CompletableFuture.failedFuture(new ResponseErrorException(
                    new ResponseError(ResponseErrorCode.RequestFailed, message, null)));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                var progress = server.beginProgress(params.getWorkDoneToken(), "creact refresh (" + s.stack() + ")");
                var result = s.engineStack().refresh(DeployInput.of(server.buildInput(s).withCache(null), "creact lsp (refresh)"), progress,
                        progress.cancellation());
                var problems = new ArrayList<Problem>(result.report().problems());
                for (var d : result.drift()) {
                    problems.add(Problem.warning("drift", d.describe(), d.source(), d.id(),
                            "the plan now shows how to restore it; deploy to do so"));
                }
                s.deployFinished(problems);
                String summary = !result.report().ok() ? "creact refresh failed"
                        : result.drift().isEmpty() ? "creact refresh: no drift"
                        : "creact refresh: " + result.drift().size() + " change(s) found outside creact";
                progress.end(summary);
                server.client().logMessage(new MessageParams(result.report().ok() ? MessageType.Info : MessageType.Error, summary));
                server.evaluateNow(s);
                var doc = Json.mapper().createObjectNode();
                doc.put("formatVersion", 1);
                doc.put("stack", s.stack());
                doc.put("ok", result.report().ok());
                var drift = doc.putArray("drift");
                result.drift().forEach(d -> drift.addObject().put("id", d.id()).put("message", d.describe()));
                doc.set("problems", Json.tree(result.report().problems()));
                return gson(doc);
            } finally {
                deploySlot.release();
            }
        }, workers);
    }

    /**
     * Waits for a running deploy or dev-mode cycle to end (the server is closing because the client exited
     * or went away): stopping it halfway would leave an interrupted deployment to resume. A dev-mode question
     * still open is answered Skip. Returns whether they ended in time.
     */
    boolean awaitDeploy(java.time.Duration limit) {
        long start = System.nanoTime();
        if (!devMode.close(limit)) {
            return false;
        }
        limit = limit.minusNanos(System.nanoTime() - start);
        var running = inFlight;
        if (running == null || running.isDone()) {
            return true;
        }
        System.err.println("creact lsp: the client is gone; finishing the running deploy first");
        try {
            running.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // it ended, badly; its error is in the state and the journal
        }
    }

    private Object deploy(StackSession s, ExecuteCommandParams params) {
        var client = server.client();
        var progress = server.beginProgress(params.getWorkDoneToken(), "creact deploy (" + s.stack() + ")");
        DeployReport report;
        if (s.engineStack() == null) {
            report = new DeployReport(DeployReport.Outcome.REFUSED, List.of(), null, 0, List.of(), s.openProblems(),
                    List.of(), List.of(), List.of());
        } else {
            report = s.engineStack().deploy(DeployInput.of(server.buildInput(s).withCache(null), "creact lsp (editor deploy)"),
                    Approval.ALWAYS, progress, progress.cancellation());
        }
        String summary = summary(report);
        progress.end(summary);
        var problems = new ArrayList<>(report.problems());
        var desired = s.evaluation() == null || s.evaluation().plan() == null ? null
                : s.evaluation().plan().desired().byId();
        report.failed().stream().filter(f -> !f.skipped()).forEach(f -> problems.add(Problem.error("deploy-failed",
                "deploy failed: " + f.reason(), desired == null || desired.get(f.id()) == null ? null
                        : desired.get(f.id()).source(), f.id(),
                "fix the cause and deploy again, or run `creact rollback`")));
        s.deployFinished(report.ok() ? List.of() : problems);
        if (report.outcome() == DeployReport.Outcome.CANCELLED) {
            client.showMessage(new MessageParams(MessageType.Warning, summary));
        } else if (!report.ok()) {
            client.showMessage(new MessageParams(MessageType.Error, summary + (problems.isEmpty() ? ""
                    : ": " + problems.stream().map(Problem::message).collect(Collectors.joining("; ")))));
        } else {
            client.logMessage(new MessageParams(MessageType.Info, summary));
        }
        server.evaluateNow(s);
        return gson(dev.creact.engine.model.DeployDocument.toJson(s.stack(), report, problems));
    }

    private static String summary(DeployReport report) {
        String counts = report.created().size() + " created, " + report.updated().size() + " updated, "
                + report.deleted().size() + " deleted";
        return switch (report.outcome()) {
            case NO_CHANGES -> "creact deploy: no changes";
            case DEPLOYED -> "creact deploy complete: " + counts + " (state serial " + report.serial() + ")";
            case FAILED -> "creact deploy failed: " + counts + ", " + report.failed().size() + " failed or skipped";
            case CANCELLED -> "creact deploy cancelled: " + counts + " before it stopped; the state records them, "
                    + "and deploying again does the rest";
            default -> "creact deploy " + report.outcome().name().toLowerCase() + ": " + counts;
        };
    }

    private static JsonElement gson(com.fasterxml.jackson.databind.JsonNode node) {
        return JsonParser.parseString(Json.write(node));
    }

    /** The first boolean argument (after the optional entry URI), or null. */
    private static Boolean firstBoolean(List<Object> arguments) {
        if (arguments == null) {
            return null;
        }
        for (Object a : arguments) {
            if (a instanceof JsonPrimitive p && p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (a instanceof Boolean b) {
                return b;
            }
        }
        return null;
    }

    private static String firstString(List<Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return null;
        }
        Object first = arguments.getFirst();
        if (first instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        return first instanceof String str ? str : null;
    }
}
