package dev.creact.cli;

import dev.creact.engine.deploy.DeployListener;
import dev.creact.engine.model.Action;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deployment progress for people. On a terminal: one line redrawn in place (done/total, elapsed, the
 * resource in flight); elsewhere (CI logs): one line per finished operation. Failures and retries are
 * always printed on their own line.
 */
final class ProgressPrinter implements DeployListener {
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
    public synchronized void cycleStarted(int cycle, int total) {
        this.total = total;
        done.set(0);
    }

    @Override
    public void operationStarted(String id, Action action) {
        inFlight.put(id, action);
        redraw();
    }

    @Override
    public synchronized void operationRetrying(String id, Action action, int retry, String error) {
        clear();
        term.human.println(term.yellow("  ↻ " + id + ": retry " + retry + " after: " + error));
        redraw();
    }

    @Override
    public synchronized void operationFinished(String id, Action action, boolean ok, boolean skipped, String error, long millis) {
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

    @Override
    public synchronized void note(String message) {
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
