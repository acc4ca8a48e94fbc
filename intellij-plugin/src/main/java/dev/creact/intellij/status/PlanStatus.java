package dev.creact.intellij.status;

import com.google.gson.JsonElement;
import com.intellij.openapi.Disposable;
import com.intellij.openapi.application.ApplicationManager;
import com.intellij.openapi.components.Service;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.util.Disposer;
import com.intellij.openapi.wm.impl.status.widget.StatusBarWidgetsManager;
import com.intellij.util.Alarm;
import dev.creact.intellij.CreactIds;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactSettings;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the status bar shows for this project: whether the server runs, the latest plan summary, dev mode.
 * The server publishes diagnostics after every evaluation; shortly after the entry's arrive, this asks for the
 * plan again ({@code creact.plan}), one request at a time.
 */
@Service(Service.Level.PROJECT)
public final class PlanStatus implements Disposable {
    private static final int REFRESH_DELAY_MS = 600;

    /** The widget's text and tooltip. */
    public record View(String text, String tooltip) {
    }

    private enum Server { NOT_STARTED, RUNNING, CANNOT_START }

    private final Project project;
    private final Alarm alarm;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile String refreshAgain;
    private volatile Server server = Server.NOT_STARTED;
    private volatile boolean everStarted;
    private volatile PlanSummary summary;
    private volatile String problem;
    private volatile boolean devMode;
    private volatile String lastLaunchProblem;

    public PlanStatus(Project project) {
        this.project = project;
        this.alarm = new Alarm(Alarm.ThreadToUse.POOLED_THREAD, this);
    }

    public static PlanStatus getInstance(Project project) {
        return project.getService(PlanStatus.class);
    }

    /** Whether the server has run in this project (the widget shows from then on). */
    public boolean hasStarted() {
        return everStarted;
    }

    public void serverStarted(boolean devModeAtStart) {
        server = Server.RUNNING;
        devMode = devModeAtStart;
        summary = null;
        problem = null;
        lastLaunchProblem = null;
        if (!everStarted) {
            everStarted = true;
            ApplicationManager.getApplication().invokeLater(
                    () -> project.getService(StatusBarWidgetsManager.class).updateWidget(PlanStatusWidgetFactory.class),
                    project.getDisposed());
        }
        changed();
        // A first summary without waiting for an editor, when the configured entry is where the server looks;
        // otherwise the first diagnostics of an entry bring it.
        if (Files.isRegularFile(CreactServer.projectDir(project).resolve(CreactSettings.getInstance(project).entry()))) {
            scheduleRefresh(null);
        }
    }

    public void serverStopped() {
        server = Server.NOT_STARTED;
        devMode = false;
        changed();
    }

    /**
     * The server could not start, for this reason. Answers whether this is news (LSP4IJ tries again as files
     * open; the same problem is shown once, until the settings change).
     */
    public boolean launchFailed(String message) {
        server = Server.CANNOT_START;
        problem = message;
        changed();
        boolean news = !Objects.equals(lastLaunchProblem, message);
        lastLaunchProblem = message;
        return news;
    }

    public void forgetLaunchProblem() {
        lastLaunchProblem = null;
    }

    public void diagnosticsPublished(String uri) {
        if (isEntry(uri)) {
            scheduleRefresh(uri);
        }
    }

    /** A plan the user asked for (the Plan action) is the latest one too. */
    public void planShown(PlanSummary plan) {
        summary = plan;
        problem = null;
        changed();
    }

    public void devModeChanged(boolean on) {
        devMode = on;
        changed();
    }

    public boolean devMode() {
        return devMode;
    }

    public PlanSummary summary() {
        return summary;
    }

    /** Plans again soon (after the evaluation settles); {@code entryUri} may be null for the configured entry. */
    public void scheduleRefresh(String entryUri) {
        alarm.cancelAllRequests();
        alarm.addRequest(() -> refresh(entryUri), REFRESH_DELAY_MS);
    }

    private void refresh(String entryUri) {
        if (server != Server.RUNNING) {
            return;
        }
        if (!refreshing.compareAndSet(false, true)) {
            refreshAgain = entryUri == null ? "" : entryUri;
            return;
        }
        List<Object> args = entryUri == null ? List.of() : List.of(entryUri);
        CreactServer.execute(project, CreactIds.SERVER_PLAN, args).whenComplete((JsonElement plan, Throwable error) -> {
            try {
                if (error == null) {
                    summary = PlanSummary.of(plan);
                    problem = null;
                } else {
                    summary = null;
                    problem = CreactServer.describe(error);
                }
                changed();
            } finally {
                refreshing.set(false);
                String again = refreshAgain;
                refreshAgain = null;
                if (again != null) {
                    scheduleRefresh(again.isEmpty() ? null : again);
                }
            }
        });
    }

    private boolean isEntry(String uri) {
        try {
            Path file = Path.of(URI.create(uri));
            Path entry = Path.of(CreactSettings.getInstance(project).entry()).getFileName();
            return file.getFileName() != null && entry != null && file.getFileName().equals(entry);
        } catch (RuntimeException e) {
            return false; // not a file: URI
        }
    }

    public View view() {
        return switch (server) {
            case NOT_STARTED -> new View("creact", "The creact language server starts when you open a file of the stack.");
            case CANNOT_START -> new View("creact: not running", problem);
            case RUNNING -> runningView();
        };
    }

    private View runningView() {
        String dev = devMode ? " · dev" : "";
        PlanSummary plan = summary;
        if (plan != null) {
            return new View("creact: " + plan.counts() + dev, "Plan for stack '" + CreactSettings.getInstance(project).stack()
                    + "': " + plan.describe() + "." + (devMode ? "\nDev mode is on: saving deploys." : "") + "\nClick to plan.");
        }
        String why = problem;
        return why != null
                ? new View("creact: errors" + dev, "No plan: " + why + "\nClick to plan again.")
                : new View("creact" + dev, "No plan yet; open the entry or click to plan.");
    }

    /** Calls {@code listener} after every change, until {@code parent} is disposed. */
    public void addListener(Runnable listener, Disposable parent) {
        listeners.add(listener);
        Disposer.register(parent, () -> listeners.remove(listener));
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public void dispose() {
        listeners.clear();
    }
}
