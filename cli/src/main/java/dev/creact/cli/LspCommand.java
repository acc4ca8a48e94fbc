package dev.creact.cli;

import dev.creact.server.LanguageServerLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "lsp",
        description = {"Run the creact language server on stdin/stdout (LSP 3.17) for editors: the plan as you type "
                + "(diagnostics, code lenses, hover) and the commands creact.plan, creact.deploy and creact.dev.",
                "Settings (initializationOptions or workspace/didChangeConfiguration): stack, entry, configPath, "
                        + "evalTimeoutMs."},
        mixinStandardHelpOptions = true)
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "Talk over stdin/stdout (the default and only transport; accepted because "
            + "editors pass it).")
    boolean stdio;

    @Override
    public Integer call() {
        return LanguageServerLauncher.runOnStdio();
    }
}
