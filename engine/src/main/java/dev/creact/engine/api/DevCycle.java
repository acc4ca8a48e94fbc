package dev.creact.engine.api;

import dev.creact.engine.hotreload.HotReload;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one dev-mode cycle (a save) did, with its timings in milliseconds.
 *
 * @param plan     the full plan of the save (null when the build failed)
 * @param applied  ids deployed, over every convergence cycle
 * @param held     ids not applied, with the reason (declined, or needs something declined)
 * @param problems build errors, or the failures that caused the rollback, at their source
 * @param deploy   the deploy's report (null when nothing was deployed)
 * @param rollback the rollback's report (null when none was needed)
 * @param modules  the modules the build loaded (what to watch), empty when it failed early
 */
public record DevCycle(Outcome outcome, Plan plan, List<String> applied, Map<String, String> held, List<Problem> problems,
                       DeployReport deploy, DeployReport rollback, List<Path> modules,
                       long buildMillis, long planMillis, long applyMillis, long rollbackMillis) {

    public enum Outcome {
        /** The accepted changes were deployed. */
        APPLIED,
        /** The deployed stack already matches the source. */
        NO_CHANGES,
        /** Every change was declined or held back; nothing was deployed. */
        SKIPPED,
        /** The source does not build or validate; nothing was deployed. */
        BUILD_FAILED,
        /** The deploy failed and the stack was returned to its CloudDOM from before the save. */
        ROLLED_BACK,
        /** The deploy failed and so did the rollback: the stack needs {@code creact rollback} or a fix. */
        FAILED,
        /** Refused before anything changed: the lock is held, the state is corrupt, a deployment was interrupted. */
        REFUSED,
        /** Stopped by the user (Ctrl-C); the state records what was done. */
        CANCELLED
    }

    public DevCycle {
        applied = List.copyOf(applied);
        held = Map.copyOf(held);
        problems = List.copyOf(problems);
        modules = List.copyOf(modules);
    }

    public long totalMillis() {
        return buildMillis + planMillis + applyMillis + rollbackMillis;
    }

    /** A cycle refused before it started, with why. */
    public static DevCycle refused(List<Problem> problems) {
        return new DevCycle(Outcome.REFUSED, null, List.of(), Map.of(), problems, null, null, List.of(), 0, 0, 0, 0);
    }

    static DevCycle of(HotReload.Cycle c) {
        return new DevCycle(Outcome.valueOf(c.outcome().name()), c.plan(), c.applied(), c.held(), c.problems(),
                c.deploy(), c.rollback(), c.modules(), c.buildMillis(), c.planMillis(), c.applyMillis(), c.rollbackMillis());
    }
}
