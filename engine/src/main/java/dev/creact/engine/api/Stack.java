package dev.creact.engine.api;

import dev.creact.engine.backend.StateCorruptException;
import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.DeployRequest;
import dev.creact.engine.deploy.EventSink;
import dev.creact.engine.deploy.ExtensionRelay;
import dev.creact.engine.hotreload.HotReload;
import dev.creact.engine.js.SandboxLimits;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.DeployReport;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.StateSnapshot;
import dev.creact.engine.plan.SavedPlan;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One stack of a {@link Project}: what the clients ask of it. Reads (state, lock, plan) change nothing;
 * every command that changes the stack goes through the engine's lock and state machine and tells the
 * engine's listeners, the listener given to the call, and the project's extensions what it does, as
 * typed {@link DeployEvent}s from {@link DeployEvent.CommandStarted} to {@link DeployEvent.CommandFinished}.
 *
 * <p>The deployed state is read through the backend and kept until the backend says it changed (another
 * process deployed) or this process wrote it (a {@link DeployEvent.Checkpoint}), so a client that plans
 * on every keystroke does not re-read an unchanged state.
 */
public final class Stack {
    private final Project project;
    private final String name;
    private final AtomicReference<CachedState> cached = new AtomicReference<>();

    private record CachedState(String version, StateSnapshot snapshot) {
    }

    Stack(Project project, String name) {
        this.project = project;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The stack's secrets: encrypted through its backend ({@code creact secrets}). */
    public StackSecrets secrets() {
        return new StackSecrets(this);
    }

    /** The stack's audit log ({@code creact audit}). */
    public AuditTrail audit() {
        return new AuditTrail(this);
    }

    public Project project() {
        return project;
    }

    // ------------------------------------------------------------------ reads

    /** The deployed state as it is now (the snapshot is null when nothing was deployed), or why it cannot be read. */
    public StateView state() {
        var backend = project.container().backend();
        try {
            var version = backend.stateVersion(name);
            if (version.isEmpty()) {
                return new StateView(null, List.of());
            }
            var c = cached.get();
            if (c != null && c.version().equals(version.get())) {
                return new StateView(c.snapshot(), List.of());
            }
            var snapshot = backend.read(name).orElse(null);
            cached.set(new CachedState(version.get(), snapshot));
            return new StateView(snapshot, List.of());
        } catch (StateCorruptException e) {
            return new StateView(null, List.of(Problem.error("corrupt-state", e.getMessage(), null, null, null)));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return new StateView(null, List.of(Problem.error("state-unreadable", e.getMessage(), null, null,
                    "check that the state folder is readable; `creact info` shows the backend in use")));
        }
    }

    /** Who holds the stack's lock now, if anyone. */
    public Optional<LockInfo> lockHolder() {
        return project.container().backend().lockHolder(name);
    }

    /** The record of the stack's last deployment, if any. */
    public Optional<DeploymentState> lastDeployment() {
        try {
            return project.container().backend().readDeployment(name);
        } catch (StateCorruptException e) {
            throw new CreactException("corrupt-state", e.getMessage(), null);
        }
    }

    /**
     * A warning when the stack's last deployment did not finish: still running (its lock is held) or
     * interrupted (killed, its lock gone), with how to resume or roll back it; empty otherwise. Cheap enough
     * for every keystroke: the file backend reads the deployment record again only when the file changed.
     */
    public Optional<Problem> unfinishedDeployment() {
        var backend = project.container().backend();
        try {
            if (backend.deploymentStatus(name).orElse(null) != dev.creact.engine.model.DeploymentStatus.APPLYING) {
                return Optional.empty();
            }
            var record = backend.readDeployment(name).orElse(null);
            if (record == null || record.status() != dev.creact.engine.model.DeploymentStatus.APPLYING) {
                return Optional.empty();
            }
            String what = "deployment " + record.deploymentId() + " of stack '" + name + "' (started " + record.startedAt()
                    + " by " + record.user() + "@" + record.host() + " with `" + record.command() + "`)";
            var holder = backend.lockHolder(name);
            if (holder.isPresent()) {
                return Optional.of(Problem.warning("deployment-in-progress", "a " + what + " is in progress, held by "
                                + holder.get().describe(System.currentTimeMillis()) + "; this plan may be out of date when it ends",
                        null, null, "wait for it to finish, then plan again"));
            }
            return Optional.of(Problem.warning("interrupted-deployment", "the last " + what
                            + " was interrupted; a deploy is refused until it is finished or rolled back",
                    null, null, "run `creact resume` to finish it, or `creact rollback` to return to the state before it"));
        } catch (StateCorruptException | UncheckedIOException e) {
            return Optional.empty(); // the state's own read reports what is wrong
        }
    }

    private List<Problem> warnings() {
        return unfinishedDeployment().map(List::of).orElse(List.of());
    }

    /** Evaluates the entry with the deployed state's outputs and component state. */
    public BuildResult build(BuildInput input, CancellationToken token) {
        var state = state();
        return new BuildResult(project.engine().core().build(request(input, state.cloudDom()), token), warnings());
    }

    /**
     * Builds and plans against the deployed state; the state's problems, if it cannot be read, are the plan's.
     * With {@link PlanOptions#refresh()}, every resource is first read through its provider (nothing is
     * written) and the plan is made against what exists; the plan's {@code drift} says what was found changed.
     */
    public PlanResult plan(BuildInput input, PlanOptions options, CancellationToken token) {
        var state = state();
        if (state.failed()) {
            return new PlanResult(new dev.creact.engine.core.PlanResult(
                    new dev.creact.engine.core.BuildResult(null, List.of(), null, java.time.Duration.ZERO), null,
                    state.problems()));
        }
        var core = project.engine().core();
        if (!options.refresh() || state.cloudDom() == null) {
            var planned = core.plan(request(input, state.cloudDom()), state.serial(), options, token);
            return new PlanResult(core.withInnerPlans(planned, state.cloudDom(), project.root(), project.container(), token),
                    warnings());
        }
        var request = new DeployRequest(request(input, null), "creact plan --refresh", null,
                project.configFor(DeployInput.of(input, "creact plan --refresh")), project.container());
        var refreshed = core.refreshed(request, state.cloudDom(), token);
        var planned = core.plan(request(input, refreshed.refreshed()), state.serial(), options, token);
        var problems = new ArrayList<Problem>(planned.problems());
        problems.addAll(refreshed.problems());
        var plan = planned.plan() == null ? null : planned.plan().withDrift(refreshed.drift());
        return new PlanResult(core.withInnerPlans(new dev.creact.engine.core.PlanResult(planned.build(), plan, problems),
                state.cloudDom(), project.root(), project.container(), token), warnings());
    }

    /**
     * Adopts an existing resource into the state ({@code creact import ID PROVIDER_ID}): the code must declare
     * {@code id}; its provider finds the resource by {@code providerId} (for local resources, the path) and the
     * state records what it found, so the next plan shows only how the code differs from it.
     */
    public DeployReport importResource(String id, String providerId, DeployInput input, DeployEvent.Listener listener,
                                       CancellationToken token) {
        return command(DeployEvent.Command.IMPORT, input, listener, (request, events) ->
                project.engine().core().importResource(request, id, providerId, events, token));
    }

    /** What {@link #refresh} did and found. */
    public record RefreshResult(DeployReport report, List<dev.creact.engine.model.Drift> drift) {
    }

    /**
     * Reads every resource through its provider and records what it finds in the state ({@code creact
     * refresh}): a resource gone is dropped from the state, one changed takes the props and outputs found,
     * so the next plan restores what the code says.
     */
    public RefreshResult refresh(DeployInput input, DeployEvent.Listener listener, CancellationToken token) {
        var drift = new AtomicReference<List<dev.creact.engine.model.Drift>>(List.of());
        var report = command(DeployEvent.Command.REFRESH, input, listener, (request, events) ->
                project.engine().core().refresh(request, events, token, drift::set));
        return new RefreshResult(report, drift.get());
    }

    /** A plan saved with {@link #savePlan}, checked to be one of this stack's. */
    public Plan readPlan(Path file) {
        try {
            return SavedPlan.read(file, name);
        } catch (SavedPlan.InvalidPlanFileException e) {
            throw new CreactException("invalid-plan-file", e.getMessage(), "make a new one with `creact plan --out FILE`");
        }
    }

    /** Saves {@code plan} so that {@link #apply} can apply exactly it later (refused if the state moves on). */
    public void savePlan(Path file, Plan plan) {
        try {
            SavedPlan.write(file, plan);
        } catch (UncheckedIOException e) {
            throw new CreactException("plan-not-saved", e.getMessage(), "check that the folder exists and is writable");
        }
    }

    // ------------------------------------------------------------------ commands that change the stack

    /** Plans, asks {@code approval}, applies and converges. */
    public DeployReport deploy(DeployInput input, Approval approval, DeployEvent.Listener listener, CancellationToken token) {
        return command(DeployEvent.Command.DEPLOY, input, listener, (request, events) ->
                project.engine().core().deploy(request, approval::approve, events, token));
    }

    /** Applies exactly {@code saved} (from {@link #readPlan}); refused if the stack's state moved on since it was made. */
    public DeployReport apply(Plan saved, DeployInput input, DeployEvent.Listener listener, CancellationToken token) {
        return command(DeployEvent.Command.DEPLOY, input, listener, (request, events) ->
                project.engine().core().deploy(new DeployRequest(request.build(), request.command(), saved,
                        request.config(), request.container()), plan -> true, events, token));
    }

    /** Finishes an interrupted deployment from its journal, creating nothing twice. */
    public DeployReport resume(DeployInput input, DeployEvent.Listener listener, CancellationToken token) {
        return command(DeployEvent.Command.RESUME, input, listener, (request, events) ->
                project.engine().core().resume(request, events, token));
    }

    /** Returns the stack to the state it had before its last interrupted or failed deployment. */
    public DeployReport rollback(DeployInput input, DeployEvent.Listener listener, CancellationToken token) {
        return command(DeployEvent.Command.ROLLBACK, input, listener, (request, events) ->
                project.engine().core().rollback(request, events, token));
    }

    /** Deletes every resource (or, with targets, those and what depends on them), dependents first. */
    public DeployReport destroy(DeployInput input, PlanOptions targets, Approval approval, DeployEvent.Listener listener,
                                CancellationToken token) {
        return command(DeployEvent.Command.DESTROY, input, listener, (request, events) ->
                project.engine().core().destroy(request, targets, approval::approve, events, token));
    }

    /**
     * One dev-mode cycle (a save): build, plan, apply the safe changes at once, ask {@code asker} about the
     * rest (with {@code step}, about each), deploy what was accepted, roll back to before the save if that
     * deploy fails.
     */
    public DevCycle devCycle(DeployInput input, boolean step, Asker asker, DeployEvent.Listener listener,
                             CancellationToken token) {
        var holder = new AtomicReference<DevCycle>();
        command(DeployEvent.Command.DEV_CYCLE, input, listener, (request, events) -> {
            var cycle = new HotReload(project.engine().core()).run(new HotReload.Request(request, step),
                    new HotReload.Asker() {
                        @Override
                        public boolean applyUnsafe(Plan plan, List<Change> unsafe) {
                            return asker.applyUnsafe(plan, unsafe);
                        }

                        @Override
                        public boolean applyChange(Plan plan, Change change) {
                            return asker.applyChange(plan, change);
                        }

                        @Override
                        public void applying(Plan accepted, Map<String, String> held) {
                            asker.applying(accepted, held);
                        }
                    }, events, token);
            var dev = DevCycle.of(cycle);
            holder.set(dev);
            if (cycle.deploy() != null) {
                return cycle.rollback() != null ? cycle.rollback() : cycle.deploy();
            }
            return new DeployReport(dev.outcome() == DevCycle.Outcome.REFUSED || dev.outcome() == DevCycle.Outcome.BUILD_FAILED
                    ? DeployReport.Outcome.REFUSED : DeployReport.Outcome.NO_CHANGES, dev.plan() == null ? List.of()
                    : List.of(dev.plan()), null, 0, List.of(), dev.problems(), List.of(), List.of(), List.of());
        });
        return holder.get() != null ? holder.get() : DevCycle.refused(List.of(Problem.error("dev-cycle-failed",
                "the dev-mode cycle could not start", null, null, null)));
    }

    /** As {@link #forceUnlock(String, boolean, String, DeployEvent.Listener)} without the holder confirmed gone. */
    public LockInfo forceUnlock(String lockId, String commandLine, DeployEvent.Listener listener) {
        return forceUnlock(lockId, false, commandLine, listener);
    }

    /**
     * Removes the stack's lock {@code lockId} ({@code creact unlock --force}), unless its holder may still
     * run ({@link LockHolders}): never while its process is alive on this host, and for a holder on another
     * host only with {@code holderGoneConfirmed}. Tells the listeners (a {@link DeployEvent.LockForced}).
     *
     * @throws CreactException when the stack is not locked, by another id, or its holder may be alive
     */
    public LockInfo forceUnlock(String lockId, boolean holderGoneConfirmed, String commandLine,
                                DeployEvent.Listener listener) {
        var removed = new AtomicReference<LockInfo>();
        var report = command(DeployEvent.Command.FORCE_UNLOCK, DeployInput.of(BuildInput.of(Path.of(ProjectRoots.ENTRY)),
                commandLine), listener, (request, events) -> {
            try {
                var live = request.container().backend().lockHolder(name).filter(h -> h.lockId().equals(lockId));
                var refusal = live.flatMap(h -> LockHolders.refusal(h, holderGoneConfirmed, System.currentTimeMillis()));
                if (refusal.isPresent()) {
                    return DeployReport.refused(refusal.get());
                }
                var lock = request.container().backend().forceUnlock(name, lockId);
                removed.set(lock);
                events.on(new DeployEvent.LockForced(name, lock, commandLine, DeployEvent.now()));
                return new DeployReport(DeployReport.Outcome.DEPLOYED, List.of(), null, 0, List.of(), List.of(), List.of(),
                        List.of(), List.of());
            } catch (IllegalArgumentException e) {
                return DeployReport.refused(Problem.error("unlock-failed", e.getMessage(), null, null,
                        "`creact info` shows the stack's lock and its id"));
            }
        });
        if (removed.get() == null) {
            throw new CreactException(report.problems().isEmpty()
                    ? Problem.error("unlock-failed", "the lock was not removed", null, null, null) : report.problems().getFirst());
        }
        return removed.get();
    }

    /** The stack's outputs as the state has them (declared with {@code useStackOutputs}); empty when none. */
    public com.fasterxml.jackson.databind.node.ObjectNode outputs() {
        var dom = state().cloudDom();
        return dom == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : dom.stackOutputs().deepCopy();
    }

    /**
     * Forgets {@code ids}: they are taken out of the state (and no longer managed) but not deleted, as
     * {@code terraform state rm} does. The next plan shows them as creates if the code still declares them.
     */
    public DeployReport forget(java.util.Set<String> ids, DeployInput input, DeployEvent.Listener listener) {
        return command(DeployEvent.Command.STATE_RM, input, listener, (request, events) ->
                project.engine().core().editState(request, (dom, problems) ->
                        dev.creact.engine.plan.StateSurgery.forget(dom, ids, problems), events));
    }

    /**
     * Renames {@code from} to {@code to} in the state, keeping what was deployed, as {@code terraform state mv}
     * does: after renaming a resource's key or component, this keeps the plan from replacing it.
     */
    public DeployReport move(String from, String to, DeployInput input, DeployEvent.Listener listener) {
        return command(DeployEvent.Command.STATE_MV, input, listener, (request, events) ->
                project.engine().core().editState(request, (dom, problems) ->
                        dev.creact.engine.plan.StateSurgery.move(dom, from, to, problems), events));
    }

    // ------------------------------------------------------------------ how a command runs

    @FunctionalInterface
    private interface Body {
        DeployReport run(DeployRequest request, EventSink events);
    }

    /**
     * Runs one stack-changing command: loads the project's extensions for it, tells every listener it
     * started, runs it, and tells them how it ended. Nothing it throws escapes as anything but a refused report.
     */
    private DeployReport command(DeployEvent.Command kind, DeployInput input, DeployEvent.Listener listener, Body body) {
        var sinkRef = new AtomicReference<EventSink>();
        var listeners = new ArrayList<DeployEvent.Listener>(project.engine().listeners());
        if (listener != null) {
            listeners.add(listener);
        }
        listeners.add(this::remember);
        // Provider changes this command applied: what a failed state write leaves for `creact resume`.
        var applied = new java.util.concurrent.atomic.AtomicInteger();
        listeners.add(event -> {
            if (event instanceof DeployEvent.OperationResult r && r.ok() && !r.skipped()) {
                applied.incrementAndGet();
            }
        });
        long start = System.nanoTime();
        EventSink events = new EventSink(name, listeners);
        sinkRef.set(events);
        DeployReport report;
        try {
            var config = project.configFor(input);
            events = events.with(auditRecorder(config));
            sinkRef.set(events);
            var extensions = project.engine().core().extensions(project.root(), config, sinkRef);
            if (!extensions.isEmpty()) {
                events = events.with(new ExtensionRelay(extensions));
                sinkRef.set(events);
            }
            events.on(new DeployEvent.CommandStarted(name, kind, input.commandLine(), DeployEvent.now()));
            var request = new DeployRequest(request(input.build(), null), input.commandLine(), null, config,
                    project.container().withExtensions(extensions));
            report = body.run(request, events);
        } catch (CreactException e) {
            report = DeployReport.refused(e.problem());
        } catch (UncheckedIOException e) {
            int n = applied.get();
            report = DeployReport.refused(Problem.error("state-write-failed", dev.creact.engine.backend.IoFailure.describe(e),
                    null, null, n == 0 ? "nothing was changed: no provider was called; free the space or make the state "
                            + "folder writable and run the command again"
                            : n + " provider change" + (n == 1 ? " was" : "s were") + " applied before the failure and are in "
                            + "the journal; once the state folder is writable, `creact resume` finishes the deployment "
                            + "(creating nothing twice)"));
        } catch (IllegalArgumentException | StateCorruptException e) {
            report = DeployReport.refused(Problem.error("command-failed", e.getMessage(), null, null, null));
        }
        events.on(new DeployEvent.CommandFinished(name, kind, input.commandLine(), report,
                (System.nanoTime() - start) / 1_000_000, DeployEvent.now()));
        return report;
    }

    /** Writes the command's audit entries (first among the listeners that could fail, after the engine's own). */
    private dev.creact.engine.security.AuditRecorder auditRecorder(dev.creact.engine.config.CreactConfig config) {
        return new dev.creact.engine.security.AuditRecorder(audit().log(config),
                dev.creact.engine.security.AuditRecorder.user(config.audit().user()),
                dev.creact.engine.backend.FileLocks.hostName());
    }

    /** Keeps the state a checkpoint wrote, so the next read does not parse it again. */
    private void remember(DeployEvent event) {
        if (event instanceof DeployEvent.Checkpoint c) {
            var version = project.container().backend().stateVersion(name);
            version.ifPresent(v -> cached.set(new CachedState(v, new StateSnapshot(c.serial(), c.state()))));
        }
    }

    private BuildRequest request(BuildInput input, CloudDom previous) {
        if (name.contains("/")) {
            // <parent>/<app> holds a nested app's resources: building this project's entry into it would plan
            // the parent's code against the child's state. Its state reads (state list, output) still work.
            String parent = name.substring(0, name.lastIndexOf('/'));
            throw new CreactException("nested-app-stack", "stack '" + name + "' belongs to the nested app '"
                    + name.substring(name.lastIndexOf('/') + 1) + "' of stack '" + parent
                    + "': it is built, deployed and resumed from its parent",
                    "run the command on the parent (--stack " + parent + "); `creact state list --stack " + name
                            + "` shows its resources");
        }
        Path entry = input.entry().isAbsolute() ? input.entry() : project.root().resolve(input.entry());
        return new BuildRequest(project.root(), entry.normalize(), name, previous, input.overlays(),
                SandboxLimits.DEFAULT.withTimeLimit(input.evalTimeout()), otherStacks(), null, secretVersions(),
                input.cache() == null ? null : input.cache().memo());
    }

    /**
     * The versions of the stack's secrets (read without the key), for the build's check of references; a
     * store that cannot be read leaves references unchecked here (the deploy says why when it opens it).
     */
    private Map<String, String> secretVersions() {
        try {
            return new dev.creact.engine.security.SecretStore(project.container().backend(), name).versions();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The deployed CloudDOMs of the project's other stacks (kept parsed by their own stacks). */
    private Map<String, CloudDom> otherStacks() {
        var others = new java.util.HashMap<String, CloudDom>();
        try {
            for (String other : project.stacks()) {
                // A nested app's stack (<parent>/<app>) belongs to another project folder: its paths are its own.
                if (!other.equals(name) && !other.contains("/")) {
                    var dom = project.stack(other).state().cloudDom();
                    if (dom != null && !dom.resources().isEmpty()) {
                        others.put(other, dom);
                    }
                }
            }
        } catch (UncheckedIOException | CreactException e) {
            // another stack that cannot be read does not stop this one; its own commands say what is wrong
        }
        return others;
    }
}
