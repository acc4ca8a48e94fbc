package dev.creact.cli;

import dev.creact.engine.core.Engine;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.deploy.DeployOptions;
import dev.creact.engine.deploy.RetryPolicy;
import picocli.CommandLine.Option;

import java.nio.file.Path;
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

    CreactConfig config(CreactEngine engine, Path root) {
        CreactConfig config = engine.loadConfig(root);
        DeployOptions base = config.deploy();
        RetryPolicy retry = base.retry();
        if (maxRetries != null || retryDelayMs != null) {
            retry = new RetryPolicy(maxRetries != null ? maxRetries : retry.maxRetries(),
                    retryDelayMs != null ? Duration.ofMillis(retryDelayMs) : retry.delay(), retry.maxDelay());
        }
        var options = new DeployOptions(parallelism != null ? parallelism : base.parallelism(), retry,
                maxRetries != null || retryDelayMs != null ? java.util.Map.of() : base.retryByProvider());
        return config.withDeploy(options);
    }
}
