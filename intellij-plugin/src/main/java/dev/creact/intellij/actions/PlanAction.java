package dev.creact.intellij.actions;

import com.google.gson.JsonElement;
import com.intellij.openapi.actionSystem.AnActionEvent;
import com.intellij.openapi.project.Project;
import dev.creact.intellij.CreactIds;
import dev.creact.intellij.CreactNotifications;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.status.PlanStatus;
import dev.creact.intellij.status.PlanSummary;
import org.jetbrains.annotations.NotNull;

import java.util.List;

/** creact: Plan — asks the server for the plan ({@code creact.plan}) and shows it. */
public final class PlanAction extends CreactAction {
    /** How many changes the balloon lists. */
    private static final int LISTED = 15;

    @Override
    public void actionPerformed(@NotNull AnActionEvent e) {
        Project project = e.getProject();
        if (project != null) {
            plan(project, stackArguments(e));
        }
    }

    /** Plans and shows the summary and the first changes (also what a click on the status bar does). */
    public static void plan(Project project, List<Object> arguments) {
        CreactServer.execute(project, CreactIds.SERVER_PLAN, arguments).whenComplete((plan, error) -> {
            if (error != null) {
                ServerErrors.show(project, "creact plan", error);
                return;
            }
            PlanSummary summary = PlanSummary.of(plan);
            if (summary == null) {
                CreactNotifications.error(project, "creact plan", "The server answered something that is not a plan: " + plan);
                return;
            }
            PlanStatus.getInstance(project).planShown(summary);
            CreactNotifications.info(project, "creact plan (" + stack(plan) + ")", summary.describe() + "." + changes(plan));
        });
    }

    private static String stack(JsonElement plan) {
        var s = plan.getAsJsonObject().get("stack");
        return s != null && s.isJsonPrimitive() ? s.getAsString() : "?";
    }

    /** One line per change: {@code + create site.index [local:File]  infrastructure.tsx:12}. */
    private static String changes(JsonElement plan) {
        var list = plan.getAsJsonObject().get("changes");
        if (list == null || !list.isJsonArray() || list.getAsJsonArray().size() == 0) {
            return "";
        }
        var text = new StringBuilder();
        int shown = 0;
        for (JsonElement c : list.getAsJsonArray()) {
            if (shown++ == LISTED) {
                text.append("\n… and ").append(list.getAsJsonArray().size() - LISTED).append(" more");
                break;
            }
            var change = c.getAsJsonObject();
            String action = string(change.get("action"));
            text.append('\n').append(symbol(action)).append(' ').append(action).append(' ').append(string(change.get("id")))
                    .append(" [").append(string(change.get("type"))).append(']');
            var source = change.get("source");
            if (source != null && source.isJsonObject() && source.getAsJsonObject().has("file")) {
                text.append("  ").append(string(source.getAsJsonObject().get("file"))).append(':')
                        .append(string(source.getAsJsonObject().get("line")));
            }
        }
        return text.toString();
    }

    private static String symbol(String action) {
        return switch (action) {
            case "create" -> "+";
            case "update" -> "~";
            case "replace" -> "-/+";
            case "delete" -> "-";
            default -> "?";
        };
    }

    private static String string(JsonElement e) {
        return e == null || e.isJsonNull() ? "?" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
