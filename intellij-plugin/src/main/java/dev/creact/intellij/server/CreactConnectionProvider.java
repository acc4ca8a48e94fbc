package dev.creact.intellij.server;

import com.intellij.execution.configurations.GeneralCommandLine;
import com.intellij.openapi.diagnostic.Logger;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.redhat.devtools.lsp4ij.server.CannotStartProcessException;
import com.redhat.devtools.lsp4ij.server.OSProcessStreamConnectionProvider;
import dev.creact.intellij.CreactNotifications;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.intellij.status.PlanStatus;
import dev.creact.launcher.Launch;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.services.LanguageServer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts {@code creact lsp} in the project folder with the command the launch rule gives (Java 25 and
 * creact.jar from the settings, JAVA_HOME, the PATH or the usual folders), and passes the stack, entry and
 * dev-mode settings as initializationOptions.
 */
final class CreactConnectionProvider extends OSProcessStreamConnectionProvider {
    private static final Logger LOG = Logger.getInstance(CreactConnectionProvider.class);

    private final Project project;

    CreactConnectionProvider(Project project) {
        this.project = project;
    }

    /** LSP4IJ calls this off the UI thread, which suits the launch rule (it runs java -version). */
    @Override
    public void start() throws CannotStartProcessException {
        var settings = CreactSettings.getInstance(project);
        Launch launch = CreactServer.launch(project, settings.javaPath(), settings.jarPath());
        switch (launch) {
            case Launch.Problem problem -> {
                LOG.warn(problem.message());
                if (PlanStatus.getInstance(project).launchFailed(problem.message())) {
                    CreactNotifications.launchProblem(project, problem);
                }
                throw new CannotStartProcessException(problem.message());
            }
            case Launch.Ready ready -> {
                LOG.info("creact: " + ready.summary());
                setCommandLine(new GeneralCommandLine(ready.command())
                        .withWorkDirectory(CreactServer.projectDir(project).toString())
                        .withParentEnvironmentType(GeneralCommandLine.ParentEnvironmentType.CONSOLE)
                        .withEnvironment(ready.environment())
                        .withCharset(StandardCharsets.UTF_8));
                super.start();
            }
        }
    }

    @Override
    public Object getInitializationOptions(VirtualFile rootUri) {
        var settings = CreactSettings.getInstance(project);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("stack", settings.stack());
        options.put("entry", settings.entry());
        options.put("devMode", settings.devModeOnStart());
        return options;
    }

    /** After each evaluation the server publishes diagnostics; the entry's are the cue to refresh the status bar. */
    @Override
    public void handleMessage(Message message, LanguageServer languageServer, VirtualFile rootUri) {
        if (message instanceof NotificationMessage notification
                && "textDocument/publishDiagnostics".equals(notification.getMethod())
                && notification.getParams() instanceof PublishDiagnosticsParams params) {
            PlanStatus.getInstance(project).diagnosticsPublished(params.getUri());
        }
    }
}
