package dev.creact.intellij.actions;

import com.intellij.openapi.actionSystem.AnActionEvent;
import com.intellij.openapi.project.Project;
import dev.creact.intellij.CreactIds;
import dev.creact.intellij.CreactNotifications;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.intellij.status.PlanStatus;
import org.jetbrains.annotations.NotNull;

/**
 * creact: Toggle Dev Mode — {@code creact.dev} switches deploy-on-save on or off and answers the new state.
 * Switching on deploys nothing; each save then deploys safe changes at once and asks about the rest.
 */
public final class ToggleDevModeAction extends CreactAction {

    @Override
    public void actionPerformed(@NotNull AnActionEvent e) {
        Project project = e.getProject();
        if (project == null) {
            return;
        }
        CreactServer.execute(project, CreactIds.SERVER_DEV, stackArguments(e)).whenComplete((state, error) -> {
            if (error != null) {
                ServerErrors.show(project, "creact dev mode", error);
                return;
            }
            boolean on = state != null && state.isJsonPrimitive() && state.getAsJsonPrimitive().isBoolean() && state.getAsBoolean();
            PlanStatus.getInstance(project).devModeChanged(on);
            CreactNotifications.info(project, "creact", on
                    ? "Dev mode on: stack '" + CreactSettings.getInstance(project).stack() + "' deploys on every save."
                    : "Dev mode off.");
        });
    }
}
