package dev.creact.engine;

import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.model.Plan;

/**
 * Inputs of a deploy, resume, rollback or destroy: what to build (as for a plan), the command line for the
 * lock and the record, a saved plan to apply exactly (or null), and the configuration (with command-line
 * overrides already applied).
 */
public record DeployRequest(BuildRequest build, String command, Plan savedPlan, CreactConfig config) {
}
