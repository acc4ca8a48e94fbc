package dev.creact.engine.plan;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.ChangeSet;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan cut down to the changes someone accepted (dev mode applies safe changes and the unsafe ones the
 * user agreed to; {@code --step} asks about each). What is held back stays as deployed, and so does
 * whatever cannot be applied without it: a change that needs a held-back resource's creation (it reads
 * its outputs or depends on it), or a delete of something a held-back resource still uses.
 *
 * @param plan the plan of the accepted changes: its desired CloudDOM is the deployed one with exactly
 *             those changes applied
 * @param held the ids held back, each with the reason
 */
public record PlanSubset(Plan plan, Map<String, String> held) {
    public PlanSubset {
        held = java.util.Collections.unmodifiableMap(new TreeMap<>(held));
    }

    public static PlanSubset of(Plan plan, CloudDom deployed, Set<String> accepted) {
        var changes = new HashMap<String, Change>();
        plan.changeSet().all().forEach(c -> changes.put(c.id(), c));
        var held = new TreeMap<String, String>();
        for (String id : changes.keySet()) {
            if (!accepted.contains(id)) {
                held.put(id, "not accepted");
            }
        }
        if (!held.isEmpty()) {
            var desiredGraph = DependencyGraph.of(plan.desired());
            var deployedGraph = DependencyGraph.of(deployed);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Change c : changes.values()) {
                    if (held.containsKey(c.id())) {
                        continue;
                    }
                    String blocker = c.action() == Action.DELETE
                            ? firstHeld(deployedGraph.dependentsOf(c.id()), held, changes, false)
                            : firstHeld(desiredGraph.dependenciesOf(c.id()), held, changes, true);
                    if (blocker != null) {
                        held.put(c.id(), c.action() == Action.DELETE
                                ? "'" + blocker + "' still uses it and is held back"
                                : "it depends on '" + blocker + "', which is held back");
                        grew = true;
                    }
                }
            }
        }
        if (held.isEmpty()) {
            return new PlanSubset(plan, Map.of());
        }
        var present = new HashMap<String, Node>();
        deployed.allNodes().forEach(n -> present.put(n.id(), n.withChildren(List.of())));
        var desired = plan.desired().byId();
        for (Change c : changes.values()) {
            if (held.containsKey(c.id())) {
                continue;
            }
            if (c.action() == Action.DELETE) {
                present.remove(c.id());
            } else {
                present.put(c.id(), desired.get(c.id()).withChildren(List.of()));
            }
        }
        var cs = plan.changeSet();
        var kept = new ChangeSet(keep(cs.creates(), held), keep(cs.updates(), held), keep(cs.replaces(), held),
                keep(cs.deletes(), held), cs.unchanged(), cs.moves());
        var order = plan.order().stream().filter(id -> !held.containsKey(id)).toList();
        var batches = plan.batches().stream()
                .map(b -> b.stream().filter(id -> !held.containsKey(id)).toList())
                .filter(b -> !b.isEmpty())
                .toList();
        var target = CloudDom.assemble(present, plan.desired(), deployed);
        return new PlanSubset(new Plan(plan.formatVersion(), plan.stack(), plan.stateSerial(), kept, order, batches,
                target.withStackOutputs(plan.desired().stackOutputs()), plan.outputChanges()),
                held);
    }

    /**
     * The first of {@code ids} that is held back, in id order; for dependencies only a held create or
     * replacement blocks (an update held back leaves a resource that exists, with its outputs).
     */
    private static String firstHeld(Set<String> ids, Map<String, String> held, Map<String, Change> changes,
                                    boolean onlyMissing) {
        return ids.stream().sorted()
                .filter(held::containsKey)
                .filter(id -> !onlyMissing || changes.get(id).action() == Action.CREATE
                        || changes.get(id).action() == Action.REPLACE)
                .findFirst().orElse(null);
    }

    private static List<Change> keep(List<Change> changes, Map<String, String> held) {
        return changes.stream().filter(c -> !held.containsKey(c.id())).toList();
    }
}
