package dev.creact.engine.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Plan;
import dev.creact.engine.provider.DependencyContainer;
import dev.creact.engine.provider.InnerPlanning;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills in a plan's inner plans: for each resource the plan creates, updates or replaces whose provider
 * can tell ({@link InnerPlanning}), what its external tool would change inside it. Unchanged resources are
 * never asked, so an unchanged Terraform module costs no Terraform run. Display only: nothing is written.
 */
final class InnerPlans {
    /** A tool's plan is bounded; past this the plan is shown without it, saying so. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int PARALLEL = 4;

    private InnerPlans() {
    }

    static Plan attach(Plan plan, CloudDom deployed, Path projectRoot, DependencyContainer container,
                       dev.creact.engine.provider.ChildApps apps, CancellationToken token) {
        List<Change> asked = new ArrayList<>();
        for (Change c : plan.changeSet().all()) {
            if (c.action() != Action.DELETE) {
                asked.add(c);
            }
        }
        if (asked.isEmpty()) {
            return plan;
        }
        var desired = plan.desired().byId();
        var before = deployed == null ? Map.<String, Node>of() : deployed.byId();
        var inner = new TreeMap<String, InnerPlan>();
        var types = new java.util.TreeSet<String>();
        for (Change c : asked) {
            Node target = desired.get(c.id());
            if (target != null) {
                types.add(target.type());
            }
        }
        try (var providers = container.openProvidersFor(plan.stack(), apps, types);
             var pool = Executors.newFixedThreadPool(Math.min(PARALLEL, asked.size()), Thread.ofVirtual().factory())) {
            var futures = new TreeMap<String, Future<InnerPlan>>();
            for (Change c : asked) {
                Node target = desired.get(c.id());
                if (target == null) {
                    continue;
                }
                var provider = providers.router().route(target.type());
                if (provider.isEmpty() || !(provider.get() instanceof InnerPlanning planning)) {
                    continue;
                }
                Node current = c.action() == Action.REPLACE ? null : before.get(c.id());
                ObjectNode props = target.props().deepCopy();
                props.remove("dependsOn");
                var request = new ResourceRequest(c.id(), target.type(), props, current == null ? null : current.outputs(),
                        current == null ? null : current.state(), projectRoot, OperationContext.within(token, TIMEOUT));
                futures.put(c.id(), pool.submit(() -> {
                    try {
                        return planning.innerPlan(request, c.action());
                    } catch (ProviderException e) {
                        return InnerPlan.unavailable(provider.get().name(), "its own plan failed: " + e.getMessage());
                    }
                }));
            }
            for (var e : futures.entrySet()) {
                try {
                    InnerPlan p = e.getValue().get();
                    if (p != null) {
                        inner.put(e.getKey(), p);
                    }
                } catch (ExecutionException ex) {
                    inner.put(e.getKey(), InnerPlan.unavailable("provider", "its own plan failed: " + ex.getCause()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return inner.isEmpty() ? plan : plan.withInner(inner);
    }
}
