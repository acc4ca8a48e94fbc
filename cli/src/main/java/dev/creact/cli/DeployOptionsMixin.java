package dev.creact.cli;

import dev.creact.engine.api.DeployInput;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options of the commands that change a stack; they override creact.config.json. */
final class DeployOptionsMixin {
    @Option(names = "--auto-approve", description = {"Apply without asking (in dev: unsafe changes too).",
            "Without a terminal, deploy and destroy refuse unless it is given; dev reads its answers (y/n) from standard input."})
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", description = "At most N provider calls at once (default 10, or the config's).")
    Integer parallelism;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a transient provider failure (default 3).")
    Integer maxRetries;

    @Option(names = "--retry-delay", paramLabel = "MS", description = "First wait before a retry, doubled each time (default 200).")
    Long retryDelayMs;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"Wait up to DURATION (30s, 5m, 1h30m, 500ms; 0: not at all, the default) for the stack's lock "
                    + "when someone else holds it, as terraform's -lock-timeout."})
    Duration lockTimeout;

    DeployInput input(GlobalOptions options, String commandLine) {
        return new DeployInput(options.buildInput(), commandLine, parallelism, maxRetries,
                retryDelayMs == null ? null : Duration.ofMillis(retryDelayMs), lockTimeout);
    }
}
