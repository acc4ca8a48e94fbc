package dev.creact.cli;

import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.ProjectRoots;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Options every command that works on a stack accepts. */
public final class GlobalOptions {
    @Option(names = "--entry", paramLabel = "FILE",
            description = "Entry module whose default export is the root component (default: infrastructure.tsx in the "
                    + "project root).")
    Path entry;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Stack to work on; each stack has its own state (default: the configuration's defaultStack, "
                    + "else dev). Other stacks are made with `creact stack init NAME`.")
    String stack;

    @Option(names = "--project", paramLabel = "DIR",
            description = "Project root (state lives in DIR/.creact). Default: from the entry's folder (or the current "
                    + "folder) upward, the nearest folder with a creact.config.json/.ts/.js, else the nearest with an "
                    + "infrastructure.tsx, else that folder.")
    Path project;

    @Option(names = "--json", description = "Print one JSON document on stdout; human output goes to stderr.")
    boolean json;

    @Option(names = "--no-color", description = "No colour, as with NO_COLOR=1.")
    boolean noColor;

    @Option(names = "--eval-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Time limit for evaluating user code, in milliseconds (default: ${DEFAULT-VALUE}).")
    long evalTimeoutMs;

    /** The project root, by the rule the language server uses too. */
    Path projectRoot() {
        if (project != null) {
            return project.toAbsolutePath().normalize();
        }
        return ProjectRoots.find(entry != null ? entry.toAbsolutePath() : Path.of("").toAbsolutePath());
    }

    /** The project root (alias kept short for printing). */
    Path root() {
        return projectRoot();
    }

    Path entryFile() {
        return entry != null ? entry.toAbsolutePath().normalize() : projectRoot().resolve(ProjectRoots.ENTRY);
    }

    /** The entry as people read it: relative to the project root when inside it. */
    String entryName() {
        Path e = entryFile();
        return e.startsWith(projectRoot()) ? projectRoot().relativize(e).toString() : e.toString();
    }

    BuildInput buildInput() {
        return new BuildInput(entryFile(), Map.of(), Duration.ofMillis(evalTimeoutMs));
    }
}
