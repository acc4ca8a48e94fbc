package dev.creact.engine.deploy;

import dev.creact.engine.backend.Journal;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState.FailedOperation;
import dev.creact.engine.model.Plan;
import dev.creact.engine.plan.DependencyGraph;
import dev.creact.engine.plan.RecordedEdges;
import dev.creact.engine.provider.ProviderRouter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Applies a plan: works out what each change waits for, and lets the {@link GraphWalk} run them through an
 * {@link OperationExecutor}. Creates, updates and replacements wait for the forward changes of what they
 * depend on in the desired CloudDOM; deletes run after every forward change, and after the deletes of
 * everything that depended on them in the deployed CloudDOM (its recorded edges included), so dependents go
 * first. The plan's batches are for display, not barriers.
 */
public final class Deployer {
    private final ProviderRouter router;
    private final Path projectRoot;
    private final DeployOptions options;
    private final Predicate<String> createBeforeDestroy;
    private SecretResolution secrets = SecretResolution.NONE;

    public Deployer(ProviderRouter router, Path projectRoot, DeployOptions options, Predicate<String> createBeforeDestroy) {
        this.router = router;
        this.projectRoot = projectRoot;
        this.options = options;
        this.createBeforeDestroy = createBeforeDestroy;
    }

    /** The same deployer, resolving secret references from {@code store} just before each provider call. */
    public Deployer withSecrets(dev.creact.engine.security.SecretStore store) {
        this.secrets = new SecretResolution(store);
        return this;
    }

    /**
     * As {@link #withSecrets(dev.creact.engine.security.SecretStore)}, also sealing the outputs each construct
     * type's schema declares sensitive ({@code declaredSensitive}: type to output names).
     */
    public Deployer withSecrets(dev.creact.engine.security.SecretStore store,
                                java.util.function.Function<String, Set<String>> declaredSensitive) {
        this.secrets = new SecretResolution(store, declaredSensitive);
        return this;
    }

    /**
     * Applies {@code plan} to {@code deployed}, journaling to {@code journal} and telling {@code events};
     * {@code mayStart} is asked before each operation (false once the stack's lock was lost).
     */
    public DeployOutcome apply(Plan plan, CloudDom deployed, Journal journal, String deploymentId, EventSink events,
                               CancellationToken token, BooleanSupplier mayStart) {
        var live = new LiveState(deployed);
        var changes = new HashMap<String, Change>();
        plan.changeSet().all().forEach(c -> changes.put(c.id(), c));
        var position = new HashMap<String, Integer>();
        for (int i = 0; i < plan.order().size(); i++) {
            position.put(plan.order().get(i), i);
        }
        var desiredGraph = DependencyGraph.of(plan.desired());
        var executor = new OperationExecutor(router, projectRoot, options, createBeforeDestroy, live,
                plan.desired().byId(), desiredGraph, new JournalCodec(journal, deploymentId), events, deploymentId, token, secrets);
        var resulting = new ConcurrentHashMap<String, java.util.Optional<dev.creact.engine.model.Node>>();

        var result = GraphWalk.walk(waitsFor(changes, desiredGraph, DependencyGraph.of(deployed)),
                Comparator.comparing((String id) -> position.getOrDefault(id, Integer.MAX_VALUE)).thenComparing(id -> id),
                options.parallelism(),
                id -> {
                    try {
                        resulting.put(id, java.util.Optional.ofNullable(executor.run(changes.get(id))));
                        return null;
                    } catch (OperationExecutor.OperationFailedException e) {
                        return e.getMessage();
                    }
                },
                new GraphWalk.Observer() {
                    @Override
                    public void finished(String id, String error, long millis) {
                        Change c = changes.get(id);
                        events.result(deploymentId, id, c.type(), c.action(), error == null, false, error, millis,
                                error == null ? resulting.getOrDefault(id, java.util.Optional.empty()).orElse(null) : null);
                    }

                    @Override
                    public void skipped(String id, String reason) {
                        Change c = changes.get(id);
                        events.result(deploymentId, id, c.type(), c.action(), false, true, reason, 0, null);
                    }
                },
                token, mayStart);

        var failed = new ArrayList<FailedOperation>();
        result.failed().forEach((id, error) -> failed.add(new FailedOperation(id, changes.get(id).action().word(), error, false)));
        result.skipped().forEach((id, reason) -> failed.add(new FailedOperation(id, changes.get(id).action().word(), reason, true)));
        var actual = RecordedEdges.record(live.toCloudDom(plan.desired(), deployed), plan.desired(), deployed);
        actual = actual.withStackOutputs(PropResolver.resolveStackOutputs(plan.desired().stackOutputs(), live::get));
        return new DeployOutcome(actual, result.completed(), failed, result.cancelled());
    }

    /** What each change waits for (see the class comment). */
    private static Map<String, Set<String>> waitsFor(Map<String, Change> changes, DependencyGraph desired,
                                                    DependencyGraph deployed) {
        var forward = new ArrayList<String>();
        var deletes = new ArrayList<String>();
        changes.values().forEach(c -> (c.action() == Action.DELETE ? deletes : forward).add(c.id()));
        var waits = new HashMap<String, Set<String>>();
        for (String id : forward) {
            var pre = new HashSet<String>();
            for (String dep : desired.dependenciesOf(id)) {
                var c = changes.get(dep);
                if (c != null && c.action() != Action.DELETE) {
                    pre.add(dep);
                }
            }
            waits.put(id, pre);
        }
        for (String id : deletes) {
            var pre = new HashSet<>(forward);
            for (String dependent : deployed.dependentsOf(id)) {
                var c = changes.get(dependent);
                if (c != null && c.action() == Action.DELETE) {
                    pre.add(dependent);
                }
            }
            waits.put(id, pre);
        }
        return waits;
    }

    /** Props as a provider sees them: without {@code dependsOn}, which is creact's business. */
    static com.fasterxml.jackson.databind.node.ObjectNode withoutDependsOn(com.fasterxml.jackson.databind.node.ObjectNode props) {
        return OperationExecutor.withoutDependsOn(props);
    }

    /** For callers that do not care about the lock (tests, benchmarks). */
    public static final BooleanSupplier ALWAYS = () -> true;
}
