package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.backend.Journal;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState.FailedOperation;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Plan;
import dev.creact.engine.plan.DependencyGraph;
import dev.creact.engine.plan.RecordedEdges;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderRouter;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * Applies a plan by walking its dependency graph, as Terraform's graph walker does: an operation starts
 * as soon as every operation it depends on is done, with at most {@code parallelism} provider calls at a
 * time. The plan's batches are for display, not barriers.
 *
 * <p>Creates, updates and replacements follow the desired graph; deletes run after them, dependents
 * first. Transient failures are retried with back-off; a permanent failure fails its operation at once,
 * its dependents are skipped, and independent branches finish. Every provider call is preceded by an
 * intent in the journal and followed by its result, so an interrupted run can be resumed.
 */
public final class Deployer {
    private final ProviderRouter router;
    private final Path projectRoot;
    private final DeployOptions options;
    private final Predicate<String> createBeforeDestroy;
    /** The desired CloudDOM's graph of the walk in progress: a deployed node records its edges from it. */
    private volatile DependencyGraph desiredGraph = null;

    public Deployer(ProviderRouter router, Path projectRoot, DeployOptions options, Predicate<String> createBeforeDestroy) {
        this.router = router;
        this.projectRoot = projectRoot;
        this.options = options;
        this.createBeforeDestroy = createBeforeDestroy;
    }

    /** One operation of the walk. */
    private record Op(Change change, int position) {
        String id() {
            return change.id();
        }
    }

    private record Done(Op op, boolean ok, String error, long millis) {
    }

    public DeployOutcome apply(Plan plan, CloudDom deployed, Journal journal, String deploymentId,
                               DeployListener listener, CancellationToken token) {
        var live = new LiveState(deployed);
        var desiredNodes = plan.desired().byId();
        var ops = new HashMap<String, Op>();
        var position = new HashMap<String, Integer>();
        for (int i = 0; i < plan.order().size(); i++) {
            position.put(plan.order().get(i), i);
        }
        for (Change c : plan.changeSet().all()) {
            ops.put(c.id(), new Op(c, position.getOrDefault(c.id(), Integer.MAX_VALUE)));
        }
        // Prerequisites: forward operations wait for the forward operations of their dependencies;
        // deletes wait for every forward operation and for the deletes of what depended on them.
        var desiredGraph = DependencyGraph.of(plan.desired());
        this.desiredGraph = desiredGraph;
        var deployedGraph = DependencyGraph.of(deployed);
        var prerequisites = new HashMap<String, Set<String>>();
        var forward = new ArrayList<String>();
        var deletes = new ArrayList<String>();
        for (Op op : ops.values()) {
            (op.change().action() == Action.DELETE ? deletes : forward).add(op.id());
        }
        for (String id : forward) {
            var pre = new HashSet<String>();
            for (String dep : desiredGraph.dependenciesOf(id)) {
                if (ops.containsKey(dep) && ops.get(dep).change().action() != Action.DELETE) {
                    pre.add(dep);
                }
            }
            prerequisites.put(id, pre);
        }
        for (String id : deletes) {
            var pre = new HashSet<String>(forward);
            for (String dependent : deployedGraph.dependentsOf(id)) {
                if (ops.containsKey(dependent) && ops.get(dependent).change().action() == Action.DELETE) {
                    pre.add(dependent);
                }
            }
            prerequisites.put(id, pre);
        }
        var followers = new HashMap<String, List<String>>();
        var waiting = new HashMap<String, Integer>();
        prerequisites.forEach((id, pre) -> {
            waiting.put(id, pre.size());
            for (String p : pre) {
                followers.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
            }
        });

        listener.cycleStarted(0, ops.size());
        var completed = Collections.synchronizedList(new ArrayList<String>());
        var failed = new ArrayList<FailedOperation>();
        var ready = new java.util.PriorityQueue<Op>((a, b) -> Integer.compare(a.position(), b.position()));
        waiting.forEach((id, n) -> {
            if (n == 0) {
                ready.add(ops.get(id));
            }
        });
        var results = new LinkedBlockingQueue<Done>();
        // Virtual threads: starting one costs a fraction of a platform thread, and the walk itself bounds
        // how many operations are in flight.
        ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("creact-deploy-", 0).factory());
        int finished = 0;
        int inFlight = 0;
        boolean cancelled = false;
        try {
            while (finished < ops.size()) {
                if (token.isCancelled()) {
                    cancelled = true;
                }
                while (!cancelled && inFlight < options.parallelism() && !ready.isEmpty()) {
                    Op op = ready.poll();
                    inFlight++;
                    listener.operationStarted(op.id(), op.change().action());
                    pool.execute(() -> {
                        long start = System.nanoTime();
                        String error = null;
                        try {
                            run(op, live, desiredNodes, journal, deploymentId, listener);
                        } catch (OperationFailedException e) {
                            error = e.getMessage();
                        } catch (RuntimeException e) {
                            error = "internal error: " + e;
                        }
                        results.add(new Done(op, error == null, error, (System.nanoTime() - start) / 1_000_000));
                    });
                }
                if (inFlight == 0) {
                    // Nothing running and nothing ready: the rest was cancelled or skipped.
                    for (String id : waiting.keySet()) {
                        if (waiting.get(id) >= 0 && !completed.contains(id) && failed.stream().noneMatch(f -> f.id().equals(id))) {
                            failed.add(new FailedOperation(id, ops.get(id).change().action().word(),
                                    cancelled ? "not started: the deployment was cancelled" : "not started", true));
                        }
                    }
                    break;
                }
                Done done;
                try {
                    done = results.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancelled = true;
                    token.cancel();
                    continue;
                }
                inFlight--;
                finished++;
                String id = done.op().id();
                waiting.put(id, -1);
                listener.operationFinished(id, done.op().change().action(), done.ok(), false, done.error(), done.millis());
                if (done.ok()) {
                    completed.add(id);
                    for (String f : followers.getOrDefault(id, List.of())) {
                        int left = waiting.merge(f, -1, Integer::sum);
                        if (left == 0) {
                            ready.add(ops.get(f));
                        }
                    }
                } else {
                    failed.add(new FailedOperation(id, done.op().change().action().word(), done.error(), false));
                    finished += skipFollowers(id, followers, waiting, ops, failed, listener);
                }
            }
        } finally {
            pool.shutdown();
        }
        var actual = RecordedEdges.record(live.toCloudDom(plan.desired(), deployed), plan.desired(), deployed);
        return new DeployOutcome(actual, completed, failed, cancelled);
    }

    private static int skipFollowers(String id, Map<String, List<String>> followers, Map<String, Integer> waiting,
                                     Map<String, Op> ops, List<FailedOperation> failed, DeployListener listener) {
        int skipped = 0;
        var queue = new java.util.ArrayDeque<>(followers.getOrDefault(id, List.of()));
        while (!queue.isEmpty()) {
            String f = queue.poll();
            if (waiting.getOrDefault(f, -1) < 0) {
                continue;
            }
            waiting.put(f, -1);
            skipped++;
            Op op = ops.get(f);
            String reason = "skipped: it depends on '" + id + "', which failed";
            failed.add(new FailedOperation(f, op.change().action().word(), reason, true));
            listener.operationFinished(f, op.change().action(), false, true, reason, 0);
            queue.addAll(followers.getOrDefault(f, List.of()));
        }
        return skipped;
    }

    /** A provider operation that failed for good (after retries), with a message for people. */
    static final class OperationFailedException extends Exception {
        OperationFailedException(String message) {
            super(message);
        }
    }

    private void run(Op op, LiveState live, Map<String, Node> desired, Journal journal, String deploymentId,
                     DeployListener listener) throws OperationFailedException {
        Change c = op.change();
        switch (c.action()) {
            case CREATE -> create(desired.get(c.id()), live, journal, deploymentId, listener, c.action());
            case UPDATE -> update(desired.get(c.id()), live, journal, deploymentId, listener);
            case DELETE -> delete(live.get(c.id()), live, journal, deploymentId, listener, c.action(), "delete");
            case REPLACE -> {
                Node old = live.get(c.id());
                Node next = desired.get(c.id());
                if (createBeforeDestroy.test(next.type())) {
                    Node created = create(next, live, journal, deploymentId, listener, c.action());
                    delete(old, live, journal, deploymentId, listener, c.action(), "delete-old");
                    live.put(created);
                } else {
                    delete(old, live, journal, deploymentId, listener, c.action(), "delete");
                    create(next, live, journal, deploymentId, listener, c.action());
                }
            }
        }
    }

    private Node create(Node target, LiveState live, Journal journal, String deploymentId, DeployListener listener,
                        Action action) throws OperationFailedException {
        var provider = provider(target);
        ObjectNode resolved = resolve(target, live);
        var request = new ResourceRequest(target.id(), target.type(), withoutDependsOn(resolved), null, null, projectRoot);
        intent(journal, deploymentId, target.id(), "create", target.type());
        ResourceResult result = call(provider, target.id(), action, listener, journal, deploymentId, "create",
                () -> provider.create(request));
        Node node = new Node(target.id(), target.path(), target.type(), resolved, List.of(), result.outputs(),
                result.providerData(), target.source(), List.copyOf(desiredGraph.dependenciesOf(target.id())));
        live.put(node);
        resultEntry(journal, deploymentId, target.id(), "create", node);
        return node;
    }

    private void update(Node target, LiveState live, Journal journal, String deploymentId, DeployListener listener)
            throws OperationFailedException {
        var provider = provider(target);
        Node current = live.get(target.id());
        ObjectNode resolved = resolve(target, live);
        var request = new ResourceRequest(target.id(), target.type(), withoutDependsOn(resolved),
                current == null ? null : current.outputs(), current == null ? null : current.state(), projectRoot);
        intent(journal, deploymentId, target.id(), "update", target.type());
        ResourceResult result = call(provider, target.id(), Action.UPDATE, listener, journal, deploymentId, "update",
                () -> provider.update(request));
        Node node = new Node(target.id(), target.path(), target.type(), resolved, List.of(), result.outputs(),
                result.providerData(), target.source(), List.copyOf(desiredGraph.dependenciesOf(target.id())));
        live.put(node);
        resultEntry(journal, deploymentId, target.id(), "update", node);
    }

    /** Deletes; {@code step} is "delete-old" for the old half of a create-before-destroy replacement. */
    private void delete(Node current, LiveState live, Journal journal, String deploymentId, DeployListener listener,
                        Action action, String step) throws OperationFailedException {
        if (current == null) {
            return;
        }
        var provider = provider(current);
        var request = new ResourceRequest(current.id(), current.type(), withoutDependsOn(current.props()),
                current.outputs(), current.state(), projectRoot);
        intent(journal, deploymentId, current.id(), step, current.type());
        call(provider, current.id(), action, listener, journal, deploymentId, step, () -> {
            provider.delete(request);
            return null;
        });
        live.remove(current.id());
        resultEntry(journal, deploymentId, current.id(), step, null);
    }

    private Provider provider(Node node) throws OperationFailedException {
        return router.route(node.type()).orElseThrow(() ->
                new OperationFailedException("no provider handles construct type " + node.type()));
    }

    private static ObjectNode resolve(Node target, LiveState live) throws OperationFailedException {
        try {
            return PropResolver.resolve(target.id(), target.props(), live::get);
        } catch (PropResolver.UnresolvedReferenceException e) {
            throw new OperationFailedException(e.getMessage());
        }
    }

    static ObjectNode withoutDependsOn(ObjectNode props) {
        if (!props.has("dependsOn")) {
            return props;
        }
        ObjectNode copy = props.deepCopy();
        copy.remove("dependsOn");
        return copy;
    }

    @FunctionalInterface
    private interface ProviderCall {
        ResourceResult call() throws ProviderException;
    }

    private ResourceResult call(Provider provider, String id, Action action, DeployListener listener, Journal journal,
                                String deploymentId, String step, ProviderCall call) throws OperationFailedException {
        RetryPolicy retry = options.retryFor(provider.name());
        int attempt = 0;
        while (true) {
            try {
                return call.call();
            } catch (ProviderException e) {
                if (e.isTransient() && attempt < retry.maxRetries()) {
                    attempt++;
                    listener.operationRetrying(id, action, attempt, e.getMessage());
                    try {
                        Thread.sleep(retry.delayBefore(attempt).toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        failure(journal, deploymentId, id, step, "interrupted while waiting to retry: " + e.getMessage());
                        throw new OperationFailedException(e.getMessage());
                    }
                    continue;
                }
                String message = (e.isTransient() ? "failed after " + (attempt + 1) + " attempts: " : "failed: ")
                        + e.getMessage();
                failure(journal, deploymentId, id, step, message);
                throw new OperationFailedException(message);
            } catch (RuntimeException e) {
                String message = "provider " + provider.name() + " crashed: " + e;
                failure(journal, deploymentId, id, step, message);
                throw new OperationFailedException(message);
            }
        }
    }

    private static ObjectNode entry(String deploymentId, String event, String id, String step) {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("deployment", deploymentId);
        e.put("event", event);
        e.put("id", id);
        e.put("step", step);
        e.put("at", System.currentTimeMillis());
        return e;
    }

    private static void intent(Journal journal, String deploymentId, String id, String step, String type) {
        journal.append(entry(deploymentId, "intent", id, step).put("type", type));
    }

    private static void resultEntry(Journal journal, String deploymentId, String id, String step, Node node) {
        ObjectNode e = entry(deploymentId, "result", id, step).put("ok", true);
        if (node != null) {
            e.set("node", Json.tree(node));
        }
        journal.append(e);
    }

    private static void failure(Journal journal, String deploymentId, String id, String step, String message) {
        journal.append(entry(deploymentId, "result", id, step).put("ok", false).put("error", message));
    }
}
