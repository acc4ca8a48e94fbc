package dev.creact.intellij.server;

import com.intellij.openapi.project.Project;
import com.redhat.devtools.lsp4ij.LanguageServerFactory;
import com.redhat.devtools.lsp4ij.client.LanguageClientImpl;
import com.redhat.devtools.lsp4ij.client.features.LSPClientFeatures;
import com.redhat.devtools.lsp4ij.server.StreamConnectionProvider;
import org.jetbrains.annotations.NotNull;

/**
 * The creact language server for LSP4IJ (plugin.xml's {@code <server id="creact">}). Diagnostics, hovers,
 * progress and {@code window/showMessageRequest} are LSP4IJ's own; the plugin adds how the server starts,
 * its status, and lenses that go through the plugin's actions.
 */
public final class CreactLanguageServerFactory implements LanguageServerFactory {

    @Override
    public @NotNull StreamConnectionProvider createConnectionProvider(@NotNull Project project) {
        return new CreactConnectionProvider(project);
    }

    @Override
    public @NotNull LanguageClientImpl createLanguageClient(@NotNull Project project) {
        return new CreactLanguageClient(project);
    }

    @Override
    public @NotNull LSPClientFeatures createClientFeatures() {
        return new LSPClientFeatures().setCodeLensFeature(new CreactCodeLensFeature());
    }
}
