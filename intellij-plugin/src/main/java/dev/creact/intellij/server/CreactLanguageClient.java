package dev.creact.intellij.server;

import com.intellij.openapi.project.Project;
import com.redhat.devtools.lsp4ij.ServerStatus;
import com.redhat.devtools.lsp4ij.client.LanguageClientImpl;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.intellij.status.PlanStatus;

/** LSP4IJ's client, telling the status bar when the server has started and when it stops. */
final class CreactLanguageClient extends LanguageClientImpl {

    CreactLanguageClient(Project project) {
        super(project);
    }

    @Override
    public void handleServerStatusChanged(ServerStatus serverStatus) {
        var status = PlanStatus.getInstance(getProject());
        if (serverStatus == ServerStatus.started) {
            status.serverStarted(CreactSettings.getInstance(getProject()).devModeOnStart());
        } else if (serverStatus == ServerStatus.stopping) {
            status.serverStopped();
        }
    }
}
