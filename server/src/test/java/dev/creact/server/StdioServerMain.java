package dev.creact.server;

/** What {@code creact lsp} runs, for tests that start the language server as a process of its own. */
public final class StdioServerMain {
    private StdioServerMain() {
    }

    public static void main(String[] args) {
        System.exit(LanguageServerLauncher.runOnStdio());
    }
}
