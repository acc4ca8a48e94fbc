package dev.creact.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options every command that works on a stack accepts. */
public final class GlobalOptions {
    @Option(names = "--entry", paramLabel = "FILE", defaultValue = "infrastructure.tsx",
            description = "Entry module whose default export is the root component (default: ${DEFAULT-VALUE}).")
    Path entry;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = "dev",
            description = "Stack to work on; each stack has its own state (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--project", paramLabel = "DIR",
            description = "Project root (state lives in DIR/.creact). Default: the nearest folder above the entry "
                    + "that holds creact.config.json or creact.config.js, else the entry's folder.")
    Path project;

    @Option(names = "--json", description = "Print one JSON document on stdout; human output goes to stderr.")
    boolean json;

    @Option(names = "--no-color", description = "No colour, as with NO_COLOR=1.")
    boolean noColor;

    @Option(names = "--eval-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "Time limit for evaluating user code, in milliseconds (default: ${DEFAULT-VALUE}).")
    long evalTimeoutMs;

    Path entryFile() {
        return entry.toAbsolutePath().normalize();
    }

    /** The project root (alias kept short for printing). */
    Path root() {
        return projectRoot();
    }

    Path projectRoot() {
        if (project != null) {
            return project.toAbsolutePath().normalize();
        }
        Path dir = entryFile().getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("creact.config.json")) || Files.exists(d.resolve("creact.config.js"))) {
                return d;
            }
        }
        return dir;
    }
}
