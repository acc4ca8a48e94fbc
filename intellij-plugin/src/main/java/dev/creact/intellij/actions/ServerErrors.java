package dev.creact.intellij.actions;

import com.intellij.openapi.project.Project;
import dev.creact.intellij.CreactNotifications;
import dev.creact.intellij.server.CreactServer;

import java.util.concurrent.CompletionException;

/** How a failed command is shown: "not running" with the way to start it, else the server's own words. */
final class ServerErrors {
    private ServerErrors() {
    }

    static void show(Project project, String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CreactServer.NotRunningException) {
            CreactNotifications.notRunning(project);
        } else {
            CreactNotifications.error(project, what, CreactServer.describe(cause));
        }
    }
}
