package dev.creact.server;

import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/** Starts the language server on a pair of streams; {@link #runOnStdio()} is {@code creact lsp}. */
public final class LanguageServerLauncher {
    private LanguageServerLauncher() {
    }

    /**
     * Serves LSP on stdin/stdout until the client exits. System.out is the protocol channel, so it is
     * redirected to stderr first: nothing else may ever write to it.
     */
    public static int runOnStdio() {
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        return run(new FileInputStream(FileDescriptor.in), protocol);
    }

    /** Serves LSP on {@code in} and {@code out}; returns the exit code (0 after shutdown and exit). */
    public static int run(InputStream in, OutputStream out) {
        var server = new CreactLanguageServer();
        var launcher = new LSPLauncher.Builder<LanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .setExecutorService(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("creact-lsp-", 0).factory()))
                .wrapMessages(ValidatedRequests::new)
                .setExceptionHandler(t -> ProtocolErrors.response(t, server::logError))
                .create();
        server.connect(launcher.getRemoteProxy());
        Thread.setDefaultUncaughtExceptionHandler((thread, t) -> server.logError("crash in " + thread.getName(), t));
        var listening = launcher.startListening();
        // A thread of its own (never the common pool, which the engine's parallel work needs) waits for the input to end.
        var inputEnded = new CompletableFuture<Void>();
        Thread.ofPlatform().daemon().name("creact-lsp-input").start(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException ignored) {
                // the input ended or broke: the client is gone
            }
            inputEnded.complete(null);
        });
        var ended = CompletableFuture.anyOf(server.exited(), inputEnded);
        int code;
        try {
            ended.get();
            code = server.exited().isDone() ? server.exited().getNow(1) : 1;
        } catch (InterruptedException | ExecutionException e) {
            code = 1;
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            System.err.println("creact lsp: closing: " + e);
        }
        return code;
    }
}
