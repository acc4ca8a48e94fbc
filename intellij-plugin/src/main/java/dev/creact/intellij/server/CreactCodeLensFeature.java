package dev.creact.intellij.server;

import com.intellij.codeInsight.codeVision.CodeVisionEntry;
import com.redhat.devtools.lsp4ij.client.features.LSPCodeLensFeature;
import dev.creact.intellij.CreactIds;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

import java.util.Map;

/**
 * The server's lenses name its own commands ({@code creact.deploy} on the first line). LSP4IJ would send a
 * command the server supports straight back to it, so a click on Deploy would deploy without asking. These
 * lenses are given the plugin's action ids instead: LSP4IJ then runs the IntelliJ action of that id (with the
 * lens's arguments), which asks before deploying, exactly as the Tools menu does.
 */
final class CreactCodeLensFeature extends LSPCodeLensFeature {
    private static final Map<String, String> ACTIONS = Map.of(
            CreactIds.SERVER_PLAN, CreactIds.PLAN_ACTION,
            CreactIds.SERVER_DEPLOY, CreactIds.DEPLOY_ACTION,
            CreactIds.SERVER_DEV, CreactIds.TOGGLE_DEV_ACTION);

    @Override
    public @Nullable CodeVisionEntry createCodeVisionEntry(@NotNull CodeLens codeLens, @NotNull String providerId,
                                                           @NotNull LSPCodeLensContext codeLensContext) {
        Command command = codeLens.getCommand();
        String action = command == null ? null : ACTIONS.get(command.getCommand());
        if (action == null) {
            return super.createCodeVisionEntry(codeLens, providerId, codeLensContext);
        }
        var viaAction = new CodeLens(codeLens.getRange(), new Command(command.getTitle(), action, command.getArguments()),
                codeLens.getData());
        return super.createCodeVisionEntry(viaAction, providerId, codeLensContext);
    }
}
