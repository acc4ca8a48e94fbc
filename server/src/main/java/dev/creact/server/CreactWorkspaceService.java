package dev.creact.server;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.util.concurrent.CompletableFuture;

/** Settings, watched files and commands. */
final class CreactWorkspaceService implements WorkspaceService {
    private final CreactLanguageServer server;

    CreactWorkspaceService(CreactLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        server.updateSettings(params.getSettings());
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        params.getChanges().forEach(c -> {
            var path = DocumentStore.path(c.getUri());
            if (!server.documents().isOpen(path)) {
                server.fileChanged(path);
            }
        });
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return server.commands().execute(params);
    }
}
