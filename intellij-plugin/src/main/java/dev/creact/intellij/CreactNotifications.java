package dev.creact.intellij;

import com.intellij.ide.BrowserUtil;
import com.intellij.notification.Notification;
import com.intellij.notification.NotificationAction;
import com.intellij.notification.NotificationGroupManager;
import com.intellij.notification.NotificationType;
import com.intellij.openapi.options.ShowSettingsUtil;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.util.text.StringUtil;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactConfigurable;
import dev.creact.launcher.Launch;
import dev.creact.launcher.ServerLaunch;
import dev.creact.launcher.Setting;

/** The balloons the plugin shows (notification group {@value CreactIds#NOTIFICATION_GROUP}). */
public final class CreactNotifications {
    private CreactNotifications() {
    }

    /** The server cannot start: what is wrong (from the launch rule), with the way to the settings. */
    public static void launchProblem(Project project, Launch.Problem problem) {
        Notification n = create("creact: the language server cannot start", problem.message(), NotificationType.ERROR);
        n.addAction(openSettings(project));
        if (problem.setting() == Setting.JAVA_PATH) {
            n.addAction(NotificationAction.createSimple("Get Temurin 25", () -> BrowserUtil.browse(ServerLaunch.TEMURIN_URL)));
        }
        n.notify(project);
    }

    /** A command needs the server, and it is not running. */
    public static void notRunning(Project project) {
        Notification n = create("creact", "The creact language server is not running. It starts when you open a file of a"
                + " creact project (one with infrastructure.tsx or creact.config.json).", NotificationType.WARNING);
        n.addAction(NotificationAction.createSimpleExpiring("Start it now", () -> CreactServer.start(project)));
        n.addAction(openSettings(project));
        n.notify(project);
    }

    public static void info(Project project, String title, String text) {
        create(title, text, NotificationType.INFORMATION).notify(project);
    }

    public static void error(Project project, String title, String text) {
        create(title, text, NotificationType.ERROR).notify(project);
    }

    private static Notification create(String title, String text, NotificationType type) {
        // Balloon content is HTML: plan lines and paths are text.
        String html = StringUtil.escapeXmlEntities(text).replace("\n", "<br>");
        return NotificationGroupManager.getInstance().getNotificationGroup(CreactIds.NOTIFICATION_GROUP)
                .createNotification(title, html, type);
    }

    private static NotificationAction openSettings(Project project) {
        return NotificationAction.createSimpleExpiring("Open creact settings",
                () -> ShowSettingsUtil.getInstance().showSettingsDialog(project, CreactConfigurable.class));
    }
}
