package dev.creact.intellij.actions;

import com.google.gson.JsonElement;
import com.intellij.openapi.actionSystem.AnActionEvent;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.ui.Messages;
import dev.creact.intellij.CreactIds;
import dev.creact.intellij.CreactNotifications;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.intellij.status.PlanStatus;
import dev.creact.intellij.status.PlanSummary;
import org.jetbrains.annotations.NotNull;

import java.util.List;

/**
 * creact: Deploy — asks first (it changes real resources), then runs {@code creact.deploy}. The server reports
 * progress ({@code $/progress}, with Cancel) and failures itself; this shows the outcome.
 */
public final class DeployAction extends CreactAction {

    @Override
    public void actionPerformed(@NotNull AnActionEvent e) {
        Project project = e.getProject();
        if (project == null) {
            return;
        }
        List<Object> arguments = stackArguments(e);
        String stack = CreactSettings.getInstance(project).stack();
        PlanSummary plan = PlanStatus.getInstance(project).summary();
        String current = plan != null ? "The current plan: " + plan.describe() + "." : "Run creact: Plan first to see what will change.";
        int answer = Messages.showOkCancelDialog(project, current + "\nThis changes real resources.",
                "Deploy Stack '" + stack + "'?", "Deploy", "Cancel", Messages.getWarningIcon());
        if (answer != Messages.OK) {
            return;
        }
        CreactServer.execute(project, CreactIds.SERVER_DEPLOY, arguments).whenComplete((report, error) -> {
            if (error != null) {
                // A failed deploy has been shown by the server already; this covers refusals and a server that is gone.
                ServerErrors.show(project, "creact deploy", error);
                return;
            }
            String outcome = field(report, "outcome");
            if ("no_changes".equals(outcome)) {
                CreactNotifications.info(project, "creact deploy (" + stack + ")", "No changes.");
            } else if ("deployed".equals(outcome)) {
                CreactNotifications.info(project, "creact deploy (" + stack + ")", "Done, state serial " + field(report, "serial") + ".");
            }
            PlanStatus.getInstance(project).scheduleRefresh(arguments.isEmpty() ? null : (String) arguments.getFirst());
        });
    }

    private static String field(JsonElement report, String name) {
        if (report == null || !report.isJsonObject()) {
            return null;
        }
        var v = report.getAsJsonObject().get(name);
        return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
    }
}
