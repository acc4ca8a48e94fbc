package dev.creact.intellij.status;

import com.intellij.openapi.application.ApplicationManager;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.wm.StatusBar;
import com.intellij.openapi.wm.StatusBarWidget;
import com.intellij.util.Consumer;
import dev.creact.intellij.actions.PlanAction;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

import java.awt.Component;
import java.awt.event.MouseEvent;
import java.util.List;

/** {@code creact: +2 ~1 -/+0 -0} (and {@code · dev} in dev mode); a click plans. */
final class PlanStatusWidget implements StatusBarWidget, StatusBarWidget.TextPresentation {
    private final Project project;
    private volatile StatusBar statusBar;

    PlanStatusWidget(Project project) {
        this.project = project;
        PlanStatus.getInstance(project).addListener(this::repaint, this);
    }

    @Override
    public @NotNull String ID() {
        return PlanStatusWidgetFactory.ID;
    }

    @Override
    public @Nullable WidgetPresentation getPresentation() {
        return this;
    }

    @Override
    public void install(@NotNull StatusBar statusBar) {
        this.statusBar = statusBar;
    }

    @Override
    public @NotNull String getText() {
        return PlanStatus.getInstance(project).view().text();
    }

    @Override
    public float getAlignment() {
        return Component.LEFT_ALIGNMENT;
    }

    @Override
    public @Nullable String getTooltipText() {
        return PlanStatus.getInstance(project).view().tooltip();
    }

    @Override
    public @Nullable Consumer<MouseEvent> getClickConsumer() {
        return event -> PlanAction.plan(project, List.of());
    }

    private void repaint() {
        ApplicationManager.getApplication().invokeLater(() -> {
            StatusBar bar = statusBar;
            if (bar != null) {
                bar.updateWidget(ID());
            }
        }, project.getDisposed());
    }

    @Override
    public void dispose() {
        statusBar = null;
    }
}
