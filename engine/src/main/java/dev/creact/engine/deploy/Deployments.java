package dev.creact.engine.deploy;

import dev.creact.engine.backend.FileLocks;
import dev.creact.engine.backend.Journal;
import dev.creact.engine.backend.LockHeldException;
import dev.creact.engine.backend.SerialConflictException;
import dev.creact.engine.backend.StackLock;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.backend.StateCorruptException;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.DeploymentStatus;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import dev.creact.engine.plan.Planner;
import dev.creact.engine.provider.ProviderRouter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The state machine of one stack's deployments: takes the lock, refuses to start over an interrupted
 * deployment, records PENDING → APPLYING → DEPLOYED | FAILED, applies the plan with the {@link Deployer},
 * writes the new state (compare-and-set on its serial), and re-plans until the stack converges (a deployed
 * output can change what components render). {@link #resume} finishes an interrupted deployment from its
 * journal (see {@link Recovery}); {@link #rollback} returns the stack to the CloudDOM it had before the
 * last deployment. Everything it does is told to the {@link EventSink} as typed events.
 */
public final class Deployments {
    /** Makes the next plan of a convergence cycle: render again with the deployed outputs, then plan. */
    @FunctionalInterface
    public interface PlanSource {
        Planned plan(CloudDom deployed, long serial);
    }

    /** A plan, or the problems that prevented one. */
    public record Planned(Plan plan, List<Problem> problems) {
    }

    /**
     * Runs the components' effects after a deploy settled: returns the state with the component state the
     * effects left (or the same state when no effect ran), and reports what ran through the events.
     */
    @FunctionalInterface
    public interface EffectRunner {
        CloudDom run(CloudDom deployed, EventSink events);
    }

    /** Asked once, with the first plan, before anything changes. */
    @FunctionalInterface
    public interface Approval {
        boolean approve(Plan plan);
    }

    private static final Duration LOCK_TTL = Duration.ofSeconds(30);

    private final StateBackend backend;
    private final ProviderRouter router;
    private final Path projectRoot;
    private final DeployOptions options;
    private final Predicate<String> createBeforeDestroy;
    private final int maxCycles;
    private EffectRunner effects = (state, events) -> state;
    private java.util.function.Function<String, java.util.Set<String>> declaredSensitive = type -> java.util.Set.of();

    public Deployments(StateBackend backend, ProviderRouter router, Path projectRoot, DeployOptions options,
                       Predicate<String> createBeforeDestroy, int maxCycles) {
        this.backend = backend;
        this.router = router;
        this.projectRoot = projectRoot;
        this.options = options;
        this.createBeforeDestroy = createBeforeDestroy;
        this.maxCycles = maxCycles;
    }

    /**
     * Sets which outputs each construct type's schema declares sensitive (type to names; learnt from the
     * build): they are sealed into the secret store at deploy and on resume, like those a provider marks.
     */
    public Deployments withDeclaredSensitiveOutputs(java.util.function.Function<String, java.util.Set<String>> declared) {
        this.declaredSensitive = declared;
        return this;
    }

    /** Sets what runs the effects after each settled deploy. */
    public Deployments withEffects(EffectRunner runner) {
        this.effects = runner;
        return this;
    }

    /** Deploys: a saved plan when given (refused if the state moved on), else the plan from {@code source}. */
    public DeployReport deploy(String stack, String command, PlanSource source, Plan saved, Approval approval,
                               EventSink events, CancellationToken token) {
        try (StackLock lock = lock(stack, command, events, token)) {
            var interrupted = interrupted(stack);
            if (interrupted != null) {
                return DeployReport.refused(interrupted);
            }
            var snapshot = backend.read(stack);
            CloudDom deployed = snapshot.map(s -> s.cloudDom()).orElse(CloudDom.empty(stack));
            long serial = snapshot.map(s -> s.serial()).orElse(0L);
            Plan first;
            if (saved != null) {
                if (saved.stateSerial() != serial) {
                    return DeployReport.refused(Problem.error("stale-plan", "the saved plan was made against state serial "
                            + saved.stateSerial() + ", but the stack's state is now at serial " + serial
                            + " (something was deployed since)", null, null, "make a new plan with `creact plan --out FILE`"));
                }
                first = saved;
            } else {
                var planned = source.plan(deployed, serial);
                if (planned.plan() == null) {
                    return new DeployReport(DeployReport.Outcome.REFUSED, List.of(), deployed, serial, List.of(),
                            planned.problems(), List.of(), List.of(), List.of());
                }
                first = planned.plan();
            }
            var unroutable = unroutable(first);
            if (unroutable != null) {
                return DeployReport.refused(unroutable);
            }
            if (!first.hasChanges()) {
                return new DeployReport(DeployReport.Outcome.NO_CHANGES, List.of(first), deployed, serial, List.of(),
                        List.of(), List.of(), List.of(), List.of());
            }
            if (!approval.approve(first)) {
                return new DeployReport(DeployReport.Outcome.DECLINED, List.of(first), deployed, serial, List.of(),
                        List.of(), List.of(), List.of(), List.of());
            }
            return converge(stack, command, first, deployed, serial, source, events, token, lock);
        } catch (LockHeldException | StateCorruptException | SerialConflictException e) {
            return DeployReport.refused(refusal(e));
        }
    }

    private static Problem refusal(RuntimeException e) {
        String code = e instanceof LockHeldException ? "locked" : e instanceof SerialConflictException ? "state-conflict"
                : "corrupt-state";
        return Problem.error(code, e.getMessage(), null, null, null);
    }

    /**
     * Takes the stack's lock and tells the events; closing the result releases it and tells them too. A stack
     * locked by someone else is waited for up to the options' lock timeout (telling the events once), polling
     * with a back-off up to a second; a cancelled token stops the wait.
     */
    private StackLock lock(String stack, String command, EventSink events, CancellationToken token) {
        StackLock lock = acquire(stack, command, events, token);
        lock.tookOver().ifPresent(previous -> events.on(new DeployEvent.LockTakenOver(stack, previous, lock.info(), DeployEvent.now())));
        events.on(new DeployEvent.LockAcquired(stack, lock.info(), DeployEvent.now()));
        return new StackLock() {
            @Override
            public dev.creact.engine.model.LockInfo info() {
                return lock.info();
            }

            @Override
            public boolean held() {
                return lock.held();
            }

            @Override
            public void close() {
                lock.close();
                events.on(new DeployEvent.LockReleased(stack, lock.info(), DeployEvent.now()));
            }
        };
    }

    private StackLock acquire(String stack, String command, EventSink events, CancellationToken token) {
        Duration timeout = options.lockTimeout();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Duration pause = Duration.ofMillis(50);
        boolean told = false;
        while (true) {
            try {
                return backend.lock(stack, command, LOCK_TTL);
            } catch (LockHeldException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || token.isCancelled()) {
                    if (timeout.isZero()) {
                        throw e;
                    }
                    throw new LockHeldException(e.holder(), e.getMessage() + " (waited "
                            + span(Duration.ofNanos(System.nanoTime() - start)) + " of --lock-timeout " + span(timeout) + ")");
                }
                if (!told) {
                    events.on(new DeployEvent.Note(stack, "waiting up to " + span(timeout) + " for the lock: "
                            + e.getMessage(), DeployEvent.now()));
                    told = true;
                }
                try {
                    token.sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Duration.ofMillis(Math.min(1000, pause.toMillis() * 2));
            }
        }
    }

    private static String span(Duration d) {
        return d.toMillis() < 10_000 && d.toMillis() % 1000 != 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** Applies {@code plan}, then re-plans and applies until nothing changes or the cycle cap is reached. */
    private DeployReport converge(String stack, String command, Plan plan, CloudDom deployed, long serial,
                                  PlanSource source, EventSink events, CancellationToken token, StackLock lock) {
        var plans = new ArrayList<Plan>();
        var created = new LinkedHashSet<String>();
        var updated = new LinkedHashSet<String>();
        var deleted = new LinkedHashSet<String>();
        CloudDom state = deployed;
        long stateSerial = serial;
        for (int cycle = 1; ; cycle++) {
            plans.add(plan);
            if (cycle > 1) {
                events.note("cycle " + cycle + ": outputs changed what the components render; applying "
                        + plan.changeSet().size() + " more change(s)");
            }
            var applied = applyOnce(stack, command, plan, state, stateSerial, events, token, null, cycle, lock);
            state = applied.outcome().actual();
            stateSerial = applied.serial();
            record(plan, applied.outcome(), created, updated, deleted);
            if (!applied.outcome().succeeded()) {
                var problems = lock.held() ? List.<Problem>of() : List.of(lockLost(stack));
                return new DeployReport(applied.outcome().cancelled() ? DeployReport.Outcome.CANCELLED : DeployReport.Outcome.FAILED,
                        plans, state, stateSerial, applied.outcome().failed(), problems, List.copyOf(created),
                        List.copyOf(updated), List.copyOf(deleted));
            }
            var next = source == null ? null : source.plan(state, stateSerial);
            if (next == null || next.plan() == null) {
                var problems = next == null ? List.<Problem>of() : next.problems();
                return new DeployReport(problems.isEmpty() ? DeployReport.Outcome.DEPLOYED : DeployReport.Outcome.FAILED,
                        plans, state, stateSerial, List.of(), problems, List.copyOf(created), List.copyOf(updated),
                        List.copyOf(deleted));
            }
            if (!next.plan().hasChanges()) {
                CloudDom after = effects.run(state, events);
                if (after.componentState().equals(state.componentState())) {
                    return new DeployReport(DeployReport.Outcome.DEPLOYED, plans, state, stateSerial, List.of(), List.of(),
                            List.copyOf(created), List.copyOf(updated), List.copyOf(deleted));
                }
                // Effects changed component state: keep it, and render again with it.
                state = after;
                stateSerial = write(stack, state, stateSerial, null, events);
                next = source.plan(state, stateSerial);
                if (next.plan() == null || !next.plan().hasChanges()) {
                    return new DeployReport(next.plan() == null ? DeployReport.Outcome.FAILED : DeployReport.Outcome.DEPLOYED,
                            plans, state, stateSerial, List.of(), next.problems(), List.copyOf(created),
                            List.copyOf(updated), List.copyOf(deleted));
                }
            }
            if (cycle >= maxCycles) {
                var keep = new TreeSet<String>();
                next.plan().changeSet().all().forEach(c -> keep.add(c.id()));
                return new DeployReport(DeployReport.Outcome.FAILED, plans, state, stateSerial, List.of(),
                        List.of(Problem.error("no-convergence", "the stack did not settle after " + maxCycles
                                + " deploy cycles; these resources keep changing: " + String.join(", ", keep), null,
                                keep.first(), "a component probably derives a prop from an output that changes on every deploy")),
                        List.copyOf(created), List.copyOf(updated), List.copyOf(deleted));
            }
            plan = next.plan();
        }
    }

    private static Problem lockLost(String stack) {
        return Problem.error("lock-lost", "the lock of stack '" + stack + "' was removed or taken by someone else while "
                + "this deployment ran; it stopped starting operations (those in flight finished and are in the state)",
                null, null, "check who holds the lock with `creact info`; when they are done, run `creact deploy` again");
    }

    /** Writes the state with compare-and-set and tells the events; returns the new serial. */
    private long write(String stack, CloudDom state, long expectedSerial, String deploymentId, EventSink events) {
        long serial = backend.write(stack, state, expectedSerial);
        events.on(new DeployEvent.Checkpoint(stack, deploymentId, serial, state, DeployEvent.now()));
        return serial;
    }

    private static void record(Plan plan, DeployOutcome outcome, Set<String> created, Set<String> updated, Set<String> deleted) {
        var done = new HashSet<>(outcome.completed());
        for (Change c : plan.changeSet().all()) {
            if (!done.contains(c.id())) {
                continue;
            }
            switch (c.action()) {
                case CREATE -> created.add(c.id());
                case UPDATE, REPLACE -> updated.add(c.id());
                case DELETE -> deleted.add(c.id());
            }
        }
    }

    private record Applied(DeployOutcome outcome, long serial) {
    }

    private void status(EventSink events, String stack, DeploymentState record) {
        backend.writeDeployment(stack, record);
        events.on(new DeployEvent.StatusChanged(stack, record.deploymentId(), record.status(), DeployEvent.now()));
    }

    /** One pass through the state machine for one plan. */
    private Applied applyOnce(String stack, String command, Plan plan, CloudDom deployed, long serial, EventSink events,
                              CancellationToken token, String resumeId, int cycle, StackLock lock) {
        String now = Instant.now().toString();
        String id = resumeId != null ? resumeId : UUID.randomUUID().toString();
        events.on(new DeployEvent.CycleStarted(stack, id, cycle, plan.changeSet().size(), DeployEvent.now()));
        DeploymentState record;
        if (resumeId == null) {
            record = new DeploymentState(id, stack, DeploymentStatus.PENDING, deployed, plan.desired(), plan.order(),
                    List.of(), List.of(), null, now, now, System.getProperty("user.name", "?"), FileLocks.hostName(),
                    ProcessHandle.current().pid(), command);
            status(events, stack, record);
            record = record.with(DeploymentStatus.APPLYING, List.of(), List.of(), null, Instant.now().toString());
        } else {
            record = backend.readDeployment(stack).orElseThrow();
        }
        status(events, stack, record);
        DeployOutcome outcome;
        try (Journal journal = backend.openJournal(stack, resumeId == null)) {
            outcome = new Deployer(router, projectRoot, options, createBeforeDestroy)
                    .withSecrets(new dev.creact.engine.security.SecretStore(backend, stack), declaredSensitive)
                    .apply(plan, deployed, journal, id, events, token, lock::held);
        }
        long newSerial = write(stack, outcome.actual(), serial, id, events);
        var status = outcome.succeeded() ? DeploymentStatus.DEPLOYED : DeploymentStatus.FAILED;
        String error = outcome.succeeded() ? null
                : !lock.held() ? "stopped: the lock was lost"
                : outcome.cancelled() ? "cancelled" : outcome.failed().size() + " operation(s) failed or were skipped";
        status(events, stack, record.with(status, outcome.completed(), outcome.failed(), error, Instant.now().toString()));
        return new Applied(outcome, newSerial);
    }

    private Problem interrupted(String stack) {
        if (backend.deploymentStatus(stack).orElse(null) != DeploymentStatus.APPLYING) {
            return null;
        }
        var record = backend.readDeployment(stack);
        if (record.isEmpty() || record.get().status() != DeploymentStatus.APPLYING) {
            return null;
        }
        var d = record.get();
        long done = JournalCodec.replay(backend.readJournal(stack), d.deploymentId()).succeeded();
        return Problem.error("interrupted-deployment", "the last deployment of stack '" + stack + "' (" + d.deploymentId()
                        + ", started " + d.startedAt() + " by " + d.user() + "@" + d.host() + " with `" + d.command()
                        + "`) was interrupted after " + done + " of " + d.order().size() + " operations",
                null, null, "run `creact resume` to finish it, or `creact rollback` to return to the state before it");
    }

    private Problem unroutable(Plan plan) {
        var missing = new TreeSet<String>();
        for (Change c : plan.changeSet().all()) {
            if (router.route(c.type()).isEmpty()) {
                missing.add(c.type() + " (" + c.id() + ")");
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return Problem.error("no-provider", "no provider handles " + String.join(", ", missing), null, null,
                "check the construct type's spelling; `creact info` lists every provider and the types it handles");
    }

    /**
     * Finishes an interrupted deployment: rebuilds what exists from the state and the journal (see
     * {@link Recovery}), then applies what is left of the deployment's target, and converges as a deploy does.
     */
    public DeployReport resume(String stack, String command, PlanSource source, EventSink events, CancellationToken token) {
        return recover(stack, command, source, events, token, false, null);
    }

    /** Returns the stack to the CloudDOM it had before its last (interrupted or failed) deployment. */
    public DeployReport rollback(String stack, String command, EventSink events, CancellationToken token) {
        return recover(stack, command, null, events, token, true, null);
    }

    /**
     * Returns the stack to {@code goal} after its last deployment failed or was interrupted: dev mode's
     * rollback to the CloudDOM it had before the save, which may be older than the last deployment's
     * start when the save took several convergence cycles.
     */
    public DeployReport rollbackTo(String stack, String command, CloudDom goal, EventSink events, CancellationToken token) {
        return recover(stack, command, null, events, token, true, goal);
    }

    private DeployReport recover(String stack, String command, PlanSource source, EventSink events,
                                 CancellationToken token, boolean rollback, CloudDom rollbackGoal) {
        try (StackLock lock = lock(stack, command, events, token)) {
            var record = backend.readDeployment(stack).orElse(null);
            boolean resumable = record != null && record.status() == DeploymentStatus.APPLYING;
            boolean rollbackable = record != null && (resumable || record.status() == DeploymentStatus.FAILED);
            if (!rollback && !resumable) {
                return DeployReport.refused(Problem.error("nothing-to-resume", record == null
                        ? "stack '" + stack + "' has no deployment to resume"
                        : "the last deployment of stack '" + stack + "' is " + record.status() + ", not interrupted",
                        null, null, record != null && record.status() == DeploymentStatus.FAILED
                                ? "run `creact deploy` to try again, or `creact rollback` to undo it" : "run `creact deploy`"));
            }
            if (rollback && !rollbackable) {
                return DeployReport.refused(Problem.error("nothing-to-roll-back", record == null
                        ? "stack '" + stack + "' has no deployment to roll back"
                        : "the last deployment of stack '" + stack + "' is " + record.status()
                        + "; only an interrupted or failed deployment can be rolled back", null, null, null));
            }
            var snapshot = backend.read(stack);
            CloudDom stateBefore = snapshot.map(s -> s.cloudDom()).orElse(CloudDom.empty(stack));
            long serialBefore = snapshot.map(s -> s.serial()).orElse(0L);
            CloudDom actual = resumable
                    ? new Recovery(router, projectRoot, events, new SecretResolution(
                            new dev.creact.engine.security.SecretStore(backend, stack), declaredSensitive))
                            .replay(backend.readJournal(stack), record, stateBefore)
                    : stateBefore;
            long serial = resumable ? write(stack, actual, serialBefore, record.deploymentId(), events) : serialBefore;
            CloudDom goal = rollback ? (rollbackGoal != null ? rollbackGoal : record.before()) : record.target();
            Plan plan = new Planner(type -> Set.of()).plan(stack, serial, actual, goal, PlanOptions.NONE);
            events.note((rollback ? "rolling back: " : "resuming: ") + plan.changeSet().size() + " operation(s) left");
            if (resumable) {
                // The interrupted record gives way to the one that finishes (or undoes) it.
                status(events, stack, record.with(DeploymentStatus.FAILED, record.checkpoint(), record.failed(),
                        "interrupted; " + (rollback ? "rolled back" : "resumed") + " by " + command, Instant.now().toString()));
            }
            DeployReport report;
            if (!plan.hasChanges()) {
                report = new DeployReport(DeployReport.Outcome.DEPLOYED, List.of(plan), actual, serial, List.of(), List.of(),
                        List.of(), List.of(), List.of());
            } else {
                report = converge(stack, command, plan, actual, serial, rollback ? null : source, events, token, lock);
            }
            if (rollback && report.outcome() == DeployReport.Outcome.DEPLOYED) {
                // The deployment that was undone is the one the record keeps, now ROLLED_BACK.
                var undone = record.status() == DeploymentStatus.FAILED ? record : record.with(DeploymentStatus.FAILED,
                        record.checkpoint(), record.failed(), "interrupted", Instant.now().toString());
                status(events, stack, undone.with(DeploymentStatus.ROLLED_BACK, undone.checkpoint(), undone.failed(),
                        "rolled back by " + command, Instant.now().toString()));
                return new DeployReport(DeployReport.Outcome.ROLLED_BACK, report.plans(), report.state(), report.serial(),
                        report.failed(), report.problems(), report.created(), report.updated(), report.deleted());
            }
            return report;
        } catch (LockHeldException | StateCorruptException | SerialConflictException e) {
            return DeployReport.refused(refusal(e));
        }
    }

    /** Changes the deployed CloudDOM without calling a provider (state surgery, a refresh, an import). */
    @FunctionalInterface
    public interface StateEdit {
        /** The new state, or null to leave it as it is; {@code problems} collects why it cannot be done. */
        CloudDom edit(CloudDom deployed, List<Problem> problems);
    }

    /**
     * Edits the stack's state under its lock, refusing over an interrupted deployment, and writes it with
     * compare-and-set ({@link DeployEvent.Checkpoint}). Nothing is written when the edit finds problems.
     */
    public DeployReport editState(String stack, String command, StateEdit edit, EventSink events) {
        try (StackLock lock = lock(stack, command, events, CancellationToken.NONE)) {
            var interrupted = interrupted(stack);
            if (interrupted != null) {
                return DeployReport.refused(interrupted);
            }
            var snapshot = backend.read(stack);
            CloudDom deployed = snapshot.map(s -> s.cloudDom()).orElse(CloudDom.empty(stack));
            long serial = snapshot.map(s -> s.serial()).orElse(0L);
            var problems = new ArrayList<Problem>();
            CloudDom next = edit.edit(deployed, problems);
            if (!problems.isEmpty()) {
                return new DeployReport(DeployReport.Outcome.REFUSED, List.of(), deployed, serial, List.of(), problems,
                        List.of(), List.of(), List.of());
            }
            if (next == null || next.equals(deployed)) {
                return new DeployReport(DeployReport.Outcome.NO_CHANGES, List.of(), deployed, serial, List.of(), List.of(),
                        List.of(), List.of(), List.of());
            }
            long written = write(stack, next, serial, null, events);
            return new DeployReport(DeployReport.Outcome.DEPLOYED, List.of(), next, written, List.of(), List.of(),
                    List.of(), List.of(), List.of());
        } catch (LockHeldException | StateCorruptException | SerialConflictException e) {
            return DeployReport.refused(refusal(e));
        }
    }
}
