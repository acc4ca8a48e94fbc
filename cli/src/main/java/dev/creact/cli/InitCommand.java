package dev.creact.cli;

import dev.creact.engine.api.CreactEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "init",
        description = {"Start a creact project in DIR (default: the current folder).",
                "Writes a starter infrastructure.tsx, tsconfig.json and the TypeScript declarations of the "
                        + "built-in modules (types/creact/), so an editor type-checks the file. Existing files "
                        + "are kept unless --force; the declarations are always refreshed."},
        mixinStandardHelpOptions = true)
final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Project folder.")
    Path dir = Path.of(".");

    @Option(names = "--force", description = "Overwrite infrastructure.tsx, tsconfig.json and .gitignore too.")
    boolean force;

    @Option(names = "--no-color", description = "No colour.")
    boolean noColor;

    @Override
    public Integer call() {
        var opts = new GlobalOptions();
        opts.noColor = noColor;
        var term = new Terminal(opts);
        Path target = dir.toAbsolutePath().normalize();
        learnConfiguredProviders(target, term);
        try {
            for (var w : CreactEngine.init(target, force)) {
                term.human.println((w.written() ? term.green("  wrote ") : term.dim("  kept  ")) + w.path());
            }
        } catch (UncheckedIOException e) {
            term.human.println(term.red("creact init: " + e.getMessage()));
            return Main.EXIT_ERROR;
        }
        term.human.println("Next: " + nextStep(target, Path.of("").toAbsolutePath().normalize()));
        return Main.EXIT_OK;
    }

    /** What to type next: {@code creact build}, after a {@code cd} into the project unless it is the current folder. */
    static String nextStep(Path project, Path currentFolder) {
        if (project.equals(currentFolder)) {
            return "creact build";
        }
        String shown = currentFolder.relativize(project).toString();
        if (shown.isEmpty() || shown.startsWith("..")) {
            shown = project.toString();
        }
        boolean plain = shown.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+".indexOf(c) >= 0);
        return "cd " + (plain ? shown : "'" + shown.replace("'", "'\\''") + "'") + " && creact build";
    }

    /**
     * In a folder that has a configuration already, opens the project first, so the providers it declares
     * (external ones, whose construct types only their programs can tell) get their declarations written too.
     */
    private static void learnConfiguredProviders(Path target, Terminal term) {
        boolean configured = java.util.stream.Stream.of("creact.config.json", "creact.config.ts", "creact.config.js")
                .anyMatch(f -> java.nio.file.Files.isRegularFile(target.resolve(f)));
        if (!configured) {
            return;
        }
        try (var engine = new CreactEngine(); var project = engine.open(target)) {
            // opening registers the configured providers; nothing else to do
        } catch (dev.creact.engine.api.CreactException e) {
            term.human.println(term.dim("  note: the configuration does not load (" + e.getMessage()
                    + "); only the built-in declarations are written"));
        }
    }
}
