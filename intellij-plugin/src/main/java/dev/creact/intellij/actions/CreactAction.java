package dev.creact.intellij.actions;

import com.intellij.openapi.actionSystem.ActionUpdateThread;
import com.intellij.openapi.actionSystem.AnAction;
import com.intellij.openapi.actionSystem.AnActionEvent;
import com.intellij.openapi.actionSystem.CommonDataKeys;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.redhat.devtools.lsp4ij.commands.CommandExecutor;
import com.redhat.devtools.lsp4ij.commands.LSPCommand;
import dev.creact.intellij.server.CreactServer;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.intellij.status.PlanStatus;
import dev.creact.launcher.ProjectMarkers;
import org.jetbrains.annotations.NotNull;

import java.util.List;
import java.util.Set;

/**
 * The plugin's actions (Tools menu, editor context menu, and the lenses, see {@code CreactCodeLensFeature}):
 * shown in creact projects only; each runs one of the server's commands for the stack of the file at hand.
 */
abstract class CreactAction extends AnAction {
    private static final Set<String> SCRIPTS = Set.of("tsx", "ts", "jsx", "js");

    @Override
    public @NotNull ActionUpdateThread getActionUpdateThread() {
        return ActionUpdateThread.BGT;
    }

    @Override
    public void update(@NotNull AnActionEvent e) {
        Project project = e.getProject();
        e.getPresentation().setEnabledAndVisible(project != null && inCreactProject(project, e.getData(CommonDataKeys.VIRTUAL_FILE)));
    }

    private static boolean inCreactProject(Project project, VirtualFile file) {
        String entry = CreactSettings.getInstance(project).entry();
        if (file != null && file.isInLocalFileSystem() && !file.isDirectory()) {
            return ProjectMarkers.belongsToCreactProject(file.toNioPath(), CreactServer.projectDir(project), entry);
        }
        return PlanStatus.getInstance(project).hasStarted() || ProjectMarkers.isCreactProject(CreactServer.projectDir(project), entry);
    }

    /**
     * The commands' optional argument, the entry (or any file of the stack) as a URI: a lens's own argument, else
     * the editor's file when it is a script; none, and the server uses the configured entry.
     */
    static List<Object> stackArguments(AnActionEvent e) {
        LSPCommand lens = e.getData(CommandExecutor.LSP_COMMAND);
        if (lens != null) {
            String uri = lens.getArgumentAt(0, String.class);
            return uri == null ? List.of() : List.of(uri);
        }
        VirtualFile file = e.getData(CommonDataKeys.VIRTUAL_FILE);
        if (file != null && file.isInLocalFileSystem() && SCRIPTS.contains(file.getExtension())) {
            return List.of(file.toNioPath().toUri().toString());
        }
        return List.of();
    }
}
