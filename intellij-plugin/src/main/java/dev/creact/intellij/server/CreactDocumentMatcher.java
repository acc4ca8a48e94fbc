package dev.creact.intellij.server;

import com.intellij.openapi.project.Project;
import com.intellij.openapi.vfs.VirtualFile;
import com.redhat.devtools.lsp4ij.DocumentMatcher;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.launcher.ProjectMarkers;
import org.jetbrains.annotations.NotNull;

/**
 * Connects the server only to TypeScript of a creact project: a file in (or below) a folder with
 * {@code infrastructure.tsx}, {@code creact.config.json}/{@code .js} or the configured entry, up to the
 * project folder. Other TypeScript in the IDE never starts a JVM.
 */
public final class CreactDocumentMatcher implements DocumentMatcher {

    @Override
    public boolean match(@NotNull VirtualFile file, @NotNull Project project) {
        if (!file.isInLocalFileSystem()) {
            return false;
        }
        return ProjectMarkers.belongsToCreactProject(file.toNioPath(), CreactServer.projectDir(project),
                CreactSettings.getInstance(project).entry());
    }
}
