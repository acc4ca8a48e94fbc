package dev.creact.intellij.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParser;
import com.intellij.openapi.project.Project;
import com.intellij.openapi.util.SystemInfo;
import com.intellij.util.EnvironmentUtil;
import com.redhat.devtools.lsp4ij.LanguageServerManager;
import dev.creact.intellij.CreactIds;
import dev.creact.intellij.settings.CreactSettings;
import dev.creact.launcher.Launch;
import dev.creact.launcher.LaunchEnvironment;
import dev.creact.launcher.ServerLaunch;
import org.eclipse.lsp4j.ExecuteCommandParams;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The plugin's way to the running creact server (through LSP4IJ) and to the launch rule. */
public final class CreactServer {
    private CreactServer() {
    }

    /** Thrown (inside the future) when a command needs the server and it is not running. */
    public static final class NotRunningException extends RuntimeException {
        NotRunningException() {
            super("the creact language server is not running");
        }
    }

    /**
     * Runs one of the server's commands ({@code workspace/executeCommand}) and answers its result as JSON. The
     * result goes through its text: LSP4IJ's LSP4J may parse it with its own copy of Gson, whose classes are
     * not the ones this plugin sees.
     */
    public static CompletableFuture<JsonElement> execute(Project project, String command, List<Object> arguments) {
        return LanguageServerManager.getInstance(project).getLanguageServer(CreactIds.SERVER_ID)
                .thenCompose(item -> {
                    if (item == null) {
                        return CompletableFuture.<Object>failedFuture(new NotRunningException());
                    }
                    return item.getInitializedServer().thenCompose(server ->
                            server.getWorkspaceService().executeCommand(new ExecuteCommandParams(command, arguments)));
                })
                .thenApply(result -> result == null ? JsonNull.INSTANCE : JsonParser.parseString(result.toString()));
    }

    /** Starts the server even when no file of the project is open. */
    public static void start(Project project) {
        LanguageServerManager.getInstance(project).start(CreactIds.SERVER_ID,
                new LanguageServerManager.StartOptions().setForceStart(true));
    }

    /** Restarts the server (it reads the settings again when it starts), or starts it if a file needs it. */
    public static void restart(Project project) {
        LanguageServerManager.getInstance(project).start(CreactIds.SERVER_ID);
    }

    /** The launch rule for this project, with these Java and jar settings (runs java -version: not on the UI thread). */
    public static Launch launch(Project project, String javaSetting, String jarSetting) {
        var env = new LaunchEnvironment(EnvironmentUtil.getEnvironmentMap(), projectDir(project), SystemInfo.isWindows);
        return ServerLaunch.standard(env, CreactSettings.NAMES).resolve(javaSetting, jarSetting);
    }

    /** The project folder (the server's working folder and workspace root). */
    public static Path projectDir(Project project) {
        String base = project.getBasePath();
        return Path.of(base != null ? base : System.getProperty("user.home"));
    }

    /** What went wrong, for a message: the cause of a completion, as the server or LSP4J worded it. */
    public static String describe(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
