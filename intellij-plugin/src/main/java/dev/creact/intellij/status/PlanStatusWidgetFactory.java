package dev.creact.intellij.status;

import com.intellij.openapi.project.Project;
import com.intellij.openapi.wm.StatusBar;
import com.intellij.openapi.wm.StatusBarWidget;
import com.intellij.openapi.wm.StatusBarWidgetFactory;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.launcher.ProjectMarkers;
import org.jetbrains.annotations.Nls;
import org.jetbrains.annotations.NotNull;

/** The status-bar item with the plan summary (plugin.xml's {@code <statusBarWidgetFactory>}). */
public final class PlanStatusWidgetFactory implements StatusBarWidgetFactory {
    public static final String ID = "creact.planStatus";

    @Override
    public @NotNull String getId() {
        return ID;
    }

    @Override
    public @Nls @NotNull String getDisplayName() {
        return "creact Plan";
    }

    /** In creact projects: the project folder has a marker, or the server has run here (a stack further down). */
    @Override
    public boolean isAvailable(@NotNull Project project) {
        return PlanStatus.getInstance(project).hasStarted()
                || ProjectMarkers.isCreactProject(CreactServer.projectDir(project), CreactSettings.getInstance(project).entry());
    }

    @Override
    public @NotNull StatusBarWidget createWidget(@NotNull Project project) {
        return new PlanStatusWidget(project);
    }

    @Override
    public boolean canBeEnabledOn(@NotNull StatusBar statusBar) {
        return true;
    }
}
