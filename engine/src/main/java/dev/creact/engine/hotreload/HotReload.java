package dev.creact.engine.hotreload;

import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.core.Engine;
import dev.creact.engine.core.DeployRequest;
import dev.creact.engine.core.PlanResult;
import dev.creact.engine.backend.StateCorruptException;
import dev.creact.engine.deploy.EventSink;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState.FailedOperation;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;
import dev.creact.engine.plan.PlanSubset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hot-reload step, as {@code creact dev} runs it after each save and the language server runs it on
 * {@code didSave} in dev mode: build, plan against the deployed state, apply the safe changes at once,
 * ask before the unsafe ones (with {@code step}, before every change), deploy only what was accepted
 * ({@link Engine#deployChangeSet}), and if that deploy fails, roll the stack back to the CloudDOM
 * it had before the save. A build that fails deploys nothing: the next save tries again.
 *
 * <p>The clients only ask the questions (a terminal prompt, {@code window/showMessageRequest}) and show
 * the {@link Cycle}; the policy lives here, once.
 */
public final class HotReload {
    /** How a client asks the user. Both block until answered; a client that cannot ask answers no. */
    public interface Asker {
        /** Without {@code step}: whether to apply these unsafe changes (the safe ones are applied anyway). */
        boolean applyUnsafe(Plan plan, List<Change> unsafe);

        /** With {@code step}: whether to apply this change now; no skips it until the next save. */
        boolean applyChange(Plan plan, Change change);

        /**
         * Told once the decisions are made, just before the deploy starts: {@code accepted} is the plan of
         * what will be applied, {@code held} what is held back and why.
         */
        default void applying(Plan accepted, Map<String, String> held) {
        }
    }

    /**
     * What to reload: the deploy request (build with entry, stack and editor overlays, whose previous state
     * is read here; configuration; the command line recorded in the lock and the deployment record;
     * the project's backend and providers), and step mode.
     */
    public record Request(DeployRequest deploy, boolean step) {
    }

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

    /**
     * What one step did, with its timings in milliseconds.
     *
     * @param plan     the full plan of the save (null when the build failed)
     * @param applied  ids deployed, over every convergence cycle
     * @param held     ids not applied, with the reason (declined, or needs something declined)
     * @param problems build errors, or the failures that caused the rollback, at their source
     * @param deploy   the deploy's report (null when nothing was deployed)
     * @param rollback the rollback's report (null when none was needed)
     * @param modules  the modules the build loaded (what to watch), empty when it failed early
     */
    public record Cycle(Outcome outcome, Plan plan, List<String> applied, Map<String, String> held, List<Problem> problems,
                        DeployReport deploy, DeployReport rollback, List<java.nio.file.Path> modules,
                        long buildMillis, long planMillis, long applyMillis, long rollbackMillis) {
        public Cycle {
            applied = List.copyOf(applied);
            held = Map.copyOf(held);
            problems = List.copyOf(problems);
            modules = List.copyOf(modules);
        }

        public long totalMillis() {
            return buildMillis + planMillis + applyMillis + rollbackMillis;
        }
    }

    private final Engine engine;

    public HotReload(Engine engine) {
        this.engine = engine;
    }

    public Cycle run(Request request, Asker asker, EventSink events, CancellationToken token) {
        Cycle cycle = attempt(request, asker, events, token);
        if (cycle.outcome() == Outcome.REFUSED && cycle.problems().stream().anyMatch(p -> STALE.equals(p.code()))) {
            // Something else deployed the stack between reading its state and taking its lock (another
            // `creact dev`, a CI job): plan again against what is there now.
            events.note("the stack's state changed while planning; planning again");
            cycle = attempt(request, asker, events, token);
        }
        return cycle;
    }

    /** The problem code of a plan made against a state that has moved on. */
    private static final String STALE = "stale-plan";

    private Cycle attempt(Request request, Asker asker, EventSink events, CancellationToken token) {
        long start = System.nanoTime();
        var build = request.deploy().build();
        CloudDom deployed;
        long serial;
        try {
            var snapshot = request.deploy().container().backend().read(build.stack());
            deployed = snapshot.map(s -> s.cloudDom()).orElse(CloudDom.empty(build.stack()));
            serial = snapshot.map(s -> s.serial()).orElse(0L);
        } catch (StateCorruptException | IllegalArgumentException e) {
            return refused(List.of(Problem.error("corrupt-state", e.getMessage(), null, null, null)), List.of(), start);
        }
        var withState = build.withPrevious(deployed);
        PlanResult planned = engine.plan(withState, serial, PlanOptions.NONE, token);
        long buildMillis = planned.build().elapsed().toMillis();
        long planMillis = Math.max(0, millisSince(start) - buildMillis);
        var modules = planned.build().render() == null ? List.<java.nio.file.Path>of() : planned.build().render().modules();
        if (token.isCancelled()) {
            return new Cycle(Outcome.CANCELLED, planned.plan(), List.of(), Map.of(), List.of(), null, null, modules,
                    buildMillis, planMillis, 0, 0);
        }
        if (!planned.ok()) {
            return new Cycle(Outcome.BUILD_FAILED, null, List.of(), Map.of(), planned.problems(), null, null, modules,
                    buildMillis, planMillis, 0, 0);
        }
        Plan plan = planned.plan();
        if (!plan.hasChanges()) {
            return new Cycle(Outcome.NO_CHANGES, plan, List.of(), Map.of(), List.of(), null, null, modules,
                    buildMillis, planMillis, 0, 0);
        }
        Set<String> accepted = decide(plan, request.step(), asker);
        var subset = PlanSubset.of(plan, deployed, accepted);
        if (token.isCancelled()) { // stopped while the user was being asked
            return new Cycle(Outcome.CANCELLED, plan, List.of(), subset.held(), List.of(), null, null, modules,
                    buildMillis, planMillis, 0, 0);
        }
        if (!subset.plan().hasChanges()) {
            return new Cycle(Outcome.SKIPPED, plan, List.of(), subset.held(), List.of(), null, null, modules,
                    buildMillis, planMillis, 0, 0);
        }
        asker.applying(subset.plan(), subset.held());
        var deployRequest = request.deploy().withBuild(withState);
        long applyStart = System.nanoTime();
        DeployReport report = engine.deployChangeSet(deployRequest, planned, accepted, events, token);
        long applyMillis = millisSince(applyStart);
        var applied = new ArrayList<String>(new LinkedHashSet<>(concat(report.created(), report.updated(), report.deleted())));
        return switch (report.outcome()) {
            case DEPLOYED, NO_CHANGES -> new Cycle(Outcome.APPLIED, plan, applied, subset.held(), report.problems(), report,
                    null, modules, buildMillis, planMillis, applyMillis, 0);
            case CANCELLED -> new Cycle(Outcome.CANCELLED, plan, applied, subset.held(), report.problems(), report, null,
                    modules, buildMillis, planMillis, applyMillis, 0);
            case REFUSED, DECLINED -> new Cycle(Outcome.REFUSED, plan, List.of(), subset.held(), report.problems(), report,
                    null, modules, buildMillis, planMillis, applyMillis, 0);
            case FAILED, ROLLED_BACK -> {
                var problems = failures(plan, report);
                long rollbackStart = System.nanoTime();
                // The goal is what was deployed before this save; the rollback is not cancelled by the token
                // that may have stopped the deploy, so a Ctrl-C during it still leaves a whole stack.
                DeployReport back = engine.rollbackTo(deployRequest, deployed, events, CancellationToken.NONE);
                long rollbackMillis = millisSince(rollbackStart);
                boolean restored = back.outcome() == DeployReport.Outcome.ROLLED_BACK
                        || back.outcome() == DeployReport.Outcome.DEPLOYED;
                if (!restored) {
                    problems.addAll(back.problems());
                    back.failed().forEach(f -> problems.add(Problem.error("rollback-failed", "rolling back " + f.id()
                            + " failed: " + f.reason(), null, f.id(), "run `creact rollback` once the cause is fixed")));
                }
                yield new Cycle(restored ? Outcome.ROLLED_BACK : Outcome.FAILED, plan, applied, subset.held(), problems,
                        report, back, modules, buildMillis, planMillis, applyMillis, rollbackMillis);
            }
        };
    }

    /** Safe changes are accepted; unsafe ones if the user agrees. With step mode, every change is asked. */
    private static Set<String> decide(Plan plan, boolean step, Asker asker) {
        var accepted = new LinkedHashSet<String>();
        var unsafe = new ArrayList<Change>();
        for (String id : plan.order()) {
            Change c = change(plan, id);
            if (step) {
                if (asker.applyChange(plan, c)) {
                    accepted.add(id);
                }
            } else if (c.isSafe()) {
                accepted.add(id);
            } else {
                unsafe.add(c);
            }
        }
        if (!unsafe.isEmpty() && asker.applyUnsafe(plan, List.copyOf(unsafe))) {
            unsafe.forEach(c -> accepted.add(c.id()));
        }
        return accepted;
    }

    private static Change change(Plan plan, String id) {
        return plan.changeSet().all().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /** Each failed operation as a problem at the element that declares the resource. */
    private static List<Problem> failures(Plan plan, DeployReport report) {
        var sources = new HashMap<String, dev.creact.engine.model.SourceSpan>();
        plan.changeSet().all().forEach(c -> {
            if (c.source() != null) {
                sources.put(c.id(), c.source());
            }
        });
        var out = new ArrayList<Problem>(report.problems());
        for (FailedOperation f : report.failed()) {
            out.add(Problem.error(f.skipped() ? "deploy-skipped" : "deploy-failed",
                    // The reason names the resource already (providers say which one failed).
                    f.action() + (f.skipped() ? " " : " failed: ") + f.reason(), sources.get(f.id()), f.id(), "the stack was rolled back to before the save; fix the cause and save again"));
        }
        return out;
    }

    private Cycle refused(List<Problem> problems, List<java.nio.file.Path> modules, long start) {
        return new Cycle(Outcome.REFUSED, null, List.of(), Map.of(), problems, null, null, modules, millisSince(start), 0, 0, 0);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        var out = new ArrayList<String>();
        for (var l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
