package dev.creact.engine.core;

import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.model.Plan;
import dev.creact.engine.provider.DependencyContainer;

/**
 * Inputs of a deploy, resume, rollback or destroy: what to build (as for a plan), the command line for the
 * lock and the record, a saved plan to apply exactly (or null), the configuration (with command-line
 * overrides already applied), and the project's backend, providers and extensions.
 */
public record DeployRequest(BuildRequest build, String command, Plan savedPlan, CreactConfig config,
                            DependencyContainer container) {
    public DeployRequest withBuild(BuildRequest newBuild) {
        return new DeployRequest(newBuild, command, savedPlan, config, container);
    }
}
