package dev.creact.cli;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.DeployEvent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deployment progress for people. On a terminal: one line redrawn in place (done/total, elapsed, the
 * resource in flight); elsewhere (CI logs): one line per finished operation. Failures and retries are
 * always printed on their own line. It reads the deploy events, as every other consumer of progress does.
 */
final class ProgressPrinter implements DeployEvent.Listener {
    private final Terminal term;
    private final boolean live;
    private final long start = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final ConcurrentHashMap<String, Action> inFlight = new ConcurrentHashMap<>();
    private volatile int total;

    /** Whether finished operations are listed (without a live bar); dev mode shows its changes itself. */
    private final boolean listOperations;

    ProgressPrinter(Terminal term) {
        this(term, false);
    }

    ProgressPrinter(Terminal term, boolean quiet) {
        this.term = term;
        this.live = term.interactive();
        this.listOperations = !quiet;
    }

    @Override
    public void on(DeployEvent event) {
        switch (event) {
            case DeployEvent.CycleStarted c -> cycleStarted(c.operations());
            case DeployEvent.OperationIntent i -> operationStarted(i.id(), i.action());
            case DeployEvent.OperationRetrying r -> operationRetrying(r.id(), r.attempt(), r.error());
            case DeployEvent.OperationResult r -> operationFinished(r.id(), r.action(), r.ok(), r.error(), r.millis());
            case DeployEvent.Note n -> note(n.message());
            default -> { }
        }
    }

    private synchronized void cycleStarted(int total) {
        this.total = total;
        done.set(0);
    }

    private void operationStarted(String id, Action action) {
        inFlight.put(id, action);
        redraw();
    }

    private synchronized void operationRetrying(String id, int retry, String error) {
        clear();
        term.human.println(term.yellow("  ↻ " + id + ": retry " + retry + " after: " + error));
        redraw();
    }

    private synchronized void operationFinished(String id, Action action, boolean ok, String error, long millis) {
        inFlight.remove(id);
        int n = done.incrementAndGet();
        clear();
        if (!ok) {
            term.human.println(term.red("  ✗ " + action.symbol() + " " + id + ": " + error));
        } else if (!live && listOperations) {
            term.human.println("  " + colour(action) + " " + id + term.dim(" (" + millis + " ms) [" + n + "/" + total + "]"));
        }
        redraw();
    }

    private synchronized void note(String message) {
        clear();
        term.human.println(term.dim("  " + message));
        redraw();
    }

    private String colour(Action action) {
        return switch (action) {
            case CREATE -> term.green(action.symbol());
            case UPDATE -> term.yellow(action.symbol());
            case REPLACE -> term.magenta(action.symbol());
            case DELETE -> term.red(action.symbol());
        };
    }

    private synchronized void redraw() {
        if (!live || total == 0) {
            return;
        }
        int n = done.get();
        int width = 24;
        int filled = total == 0 ? width : Math.min(width, n * width / total);
        String bar = "█".repeat(filled) + "░".repeat(width - filled);
        String current = inFlight.keySet().stream().findFirst().map(id -> "  " + id).orElse("");
        double secs = (System.nanoTime() - start) / 1e9;
        String line = String.format("  %s %d/%d  %.1fs%s", bar, n, total, secs, current);
        term.human.print("\r\u001b[2K" + line);
        term.human.flush();
    }

    private void clear() {
        if (live) {
            term.human.print("\r\u001b[2K");
        }
    }

    void finish() {
        clear();
    }
}
