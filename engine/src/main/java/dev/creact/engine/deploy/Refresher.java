package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Drift;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderRouter;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Reads every resource of a deployed CloudDOM through its provider and says what changed outside creact,
 * as Terraform's refresh does: a resource the provider no longer has is gone (and leaves the refreshed
 * state); one whose observed props (or, when the provider observes none, outputs) differ has drifted (the
 * refreshed state takes what was found, so the next plan restores what the code says). A provider call
 * that fails leaves its resource as it was, with a problem.
 */
public final class Refresher {
    /** The refreshed state, what drifted, and the reads that failed. */
    public record Outcome(CloudDom refreshed, List<Drift> drift, List<Problem> problems) {
    }

    private final ProviderRouter router;
    private final Path projectRoot;
    private final int parallelism;
    private SecretResolution secrets = SecretResolution.NONE;
    private boolean mayWriteSecrets;

    public Refresher(ProviderRouter router, Path projectRoot, int parallelism) {
        this.router = router;
        this.projectRoot = projectRoot;
        this.parallelism = parallelism;
    }

    /**
     * The same refresher, keeping sealed outputs sealed: what a read finds for an output the state holds as a
     * reference into {@code store} (or the provider marks sensitive) is compared with, or sealed into, the store
     * instead of landing in the state as it is (see {@link SecretResolution#keepSealed}); {@code mayWrite} false
     * for a refresh whose result is not kept (a plan's), which must not write the store either.
     */
    public Refresher withSecrets(dev.creact.engine.security.SecretStore store, boolean mayWrite) {
        this.secrets = new SecretResolution(store);
        this.mayWriteSecrets = mayWrite;
        return this;
    }

    public Outcome refresh(CloudDom deployed, CancellationToken token) {
        var nodes = deployed.allNodes();
        var results = new ConcurrentHashMap<String, Optional<ResourceResult>>();
        var failures = new ConcurrentHashMap<String, String>();
        var slots = new Semaphore(parallelism);
        try (var pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("creact-refresh-", 0).factory())) {
            for (Node n : nodes) {
                pool.execute(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        if (token.isCancelled()) {
                            failures.put(n.id(), "not read: cancelled");
                            return;
                        }
                        var provider = router.route(n.type());
                        if (provider.isEmpty()) {
                            failures.put(n.id(), "no provider handles " + n.type());
                            return;
                        }
                        var request = new ResourceRequest(n.id(), n.type(), OperationExecutor.withoutDependsOn(n.props()),
                                n.outputs(), n.state(), projectRoot, OperationContext.within(token, Duration.ofMinutes(5)));
                        results.put(n.id(), provider.get().read(request));
                    } catch (ProviderException | RuntimeException e) {
                        failures.put(n.id(), e.getMessage());
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        var drift = new ArrayList<Drift>();
        var problems = new ArrayList<Problem>();
        var present = new LinkedHashMap<String, Node>();
        for (Node n : nodes) {
            String failure = failures.get(n.id());
            if (failure != null) {
                problems.add(Problem.error("refresh-failed", "cannot read " + n.id() + " (" + n.type() + "): " + failure,
                        n.source(), n.id(), "it keeps what the state says; run the refresh again once the provider answers"));
                present.put(n.id(), n.withChildren(List.of()));
                continue;
            }
            var found = results.get(n.id());
            if (found == null || found.isEmpty()) {
                drift.add(new Drift(n.id(), n.type(), Drift.Kind.GONE, List.of(), n.source()));
                continue;
            }
            ResourceResult r;
            try {
                r = secrets.keepSealed(n, found.get(), mayWriteSecrets);
            } catch (RuntimeException e) {
                problems.add(Problem.error("refresh-failed", "cannot keep the sensitive outputs of " + n.id() + " sealed: "
                        + e.getMessage(), n.source(), n.id(), "it keeps what the state says; check CREACT_ENCRYPTION_KEY"));
                present.put(n.id(), n.withChildren(List.of()));
                continue;
            }
            var changed = changes(n, r);
            if (!changed.isEmpty()) {
                drift.add(new Drift(n.id(), n.type(), Drift.Kind.DRIFTED, changed, n.source()));
            }
            present.put(n.id(), refreshed(n, r).withChildren(List.of()));
        }
        var gone = new TreeSet<String>();
        drift.stream().filter(d -> d.kind() == Drift.Kind.GONE).forEach(d -> gone.add(d.id()));
        if (!gone.isEmpty()) {
            present.replaceAll((id, n) -> n.dependencies().stream().anyMatch(gone::contains)
                    ? n.withDependencies(n.dependencies().stream().filter(d -> !gone.contains(d)).toList()) : n);
        }
        return new Outcome(CloudDom.assemble(present, deployed, deployed), drift, problems);
    }

    /** The props (or else outputs) that differ between the state and what the provider found, sorted. */
    static List<String> changes(Node n, ResourceResult found) {
        var changed = new TreeSet<String>();
        if (found.observed() != null) {
            found.observed().properties().forEach(e -> {
                JsonNode stored = n.props().get(e.getKey());
                if (stored == null ? !e.getValue().isNull() : !stored.equals(e.getValue())) {
                    changed.add(e.getKey());
                }
            });
        }
        if (changed.isEmpty()) {
            var names = new TreeSet<String>();
            n.outputs().fieldNames().forEachRemaining(names::add);
            found.outputs().fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode a = n.outputs().get(name);
                JsonNode b = found.outputs().get(name);
                if (a == null ? b != null : !a.equals(b)) {
                    changed.add("outputs." + name);
                }
            }
        }
        return List.copyOf(changed);
    }

    /** The node as found: the observed props over the stored ones, the outputs and provider data read. */
    static Node refreshed(Node n, ResourceResult found) {
        ObjectNode props = n.props().deepCopy();
        if (found.observed() != null) {
            found.observed().properties().forEach(e -> props.set(e.getKey(), e.getValue()));
        }
        return new Node(n.id(), n.path(), n.type(), props, List.of(), found.outputs(),
                found.providerData() != null ? found.providerData() : n.state(), n.source(), n.dependencies());
    }
}
