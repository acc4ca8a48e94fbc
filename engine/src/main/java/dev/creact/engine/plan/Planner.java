package dev.creact.engine.plan;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.ChangeSet;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes a {@link Plan}: reconciles, then orders the changes by the dependency graph. Creates, updates and
 * replacements follow the desired CloudDOM's graph (Kahn's order, batches by depth); deletes follow the
 * deployed CloudDOM's graph in reverse (dependents first) and come last.
 */
public final class Planner {
    private final Reconciler reconciler;
    private final ChangeSetSafety safety;

    /** A planner whose updates are all unsafe (no construct declares anything safe). */
    public Planner(Reconciler.ReplacementRules rules) {
        this(rules, ChangeSetSafety.Rules.NONE);
    }

    public Planner(Reconciler.ReplacementRules rules, ChangeSetSafety.Rules safetyRules) {
        this.reconciler = new Reconciler(rules);
        this.safety = new ChangeSetSafety(safetyRules);
    }

    /** An option names a resource that exists in neither CloudDOM. */
    public static final class UnknownResourceException extends IllegalArgumentException {
        public UnknownResourceException(String message) {
            super(message);
        }
    }

    public Plan plan(String stack, long stateSerial, CloudDom deployed, CloudDom desired, PlanOptions options) {
        var desiredGraph = DependencyGraph.of(desired);
        var deployedGraph = DependencyGraph.of(deployed);
        var known = new HashSet<String>(desiredGraph.ids());
        known.addAll(deployedGraph.ids());
        for (String id : union(options.targets(), options.replace())) {
            if (!known.contains(id)) {
                throw new UnknownResourceException("no resource '" + id + "' in the stack"
                        + dev.creact.engine.model.Suggestions.didYouMean(id, known));
            }
        }
        ChangeSet changes = reconciler.reconcile(deployed, desired, options.replace());
        if (!options.targets().isEmpty()) {
            changes = restrict(changes, desiredGraph, deployedGraph, options.targets());
        }
        changes = safety.classifyAll(changes);
        var forward = new HashSet<String>();
        for (Change c : changes.all()) {
            if (c.action() != Action.DELETE) {
                forward.add(c.id());
            }
        }
        var order = new ArrayList<String>();
        var batches = new ArrayList<List<String>>();
        if (!forward.isEmpty()) {
            for (String id : desiredGraph.topologicalOrder()) {
                if (forward.contains(id)) {
                    order.add(id);
                }
            }
            batches.addAll(group(forward, desiredGraph.depths()));
        }
        var deleted = new HashSet<String>();
        changes.deletes().forEach(c -> deleted.add(c.id()));
        if (!deleted.isEmpty()) {
            var deployedOrder = deployedGraph.topologicalOrder();
            for (int i = deployedOrder.size() - 1; i >= 0; i--) {
                if (deleted.contains(deployedOrder.get(i))) {
                    order.add(deployedOrder.get(i));
                }
            }
            batches.addAll(group(deleted, deployedGraph.heights()));
        }
        return new Plan(Plan.FORMAT_VERSION, stack, stateSerial, changes, order, batches, desired,
                outputChanges(deployed, desired));
    }

    /** The stack outputs whose value differs between the deployed and the desired CloudDOM, by name. */
    private static List<dev.creact.engine.model.PropChange> outputChanges(CloudDom deployed, CloudDom desired) {
        var before = deployed.stackOutputs();
        var after = desired.stackOutputs();
        if (before.equals(after)) {
            return List.of();
        }
        var names = new TreeSet<String>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        var out = new ArrayList<dev.creact.engine.model.PropChange>();
        for (String name : names) {
            var a = before.get(name);
            var b = after.get(name);
            if (a == null ? b != null : !a.equals(b)) {
                out.add(new dev.creact.engine.model.PropChange(name, a, b, false));
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var s = new TreeSet<>(a);
        s.addAll(b);
        return s;
    }

    /** The ids grouped by level, levels in increasing order, ids sorted within a level; empty levels dropped. */
    private static List<List<String>> group(Set<String> ids, Map<String, Integer> level) {
        var byLevel = new TreeMap<Integer, List<String>>();
        for (String id : ids) {
            byLevel.computeIfAbsent(level.getOrDefault(id, 0), k -> new ArrayList<>()).add(id);
        }
        var out = new ArrayList<List<String>>();
        for (var batch : byLevel.values()) {
            batch.sort(Comparator.naturalOrder());
            out.add(batch);
        }
        return out;
    }

    /** Keeps the targets and what they depend on (for deletes: the targets and what depends on them). */
    private static ChangeSet restrict(ChangeSet changes, DependencyGraph desired, DependencyGraph deployed,
                                      Set<String> targets) {
        Set<String> keep = new HashSet<>(desired.withDependencies(targets));
        for (String t : targets) {
            keep.add(t);
        }
        var keepDeletes = new HashSet<String>(targets);
        var moreDeletes = new LinkedHashMap<String, Boolean>();
        for (String t : targets) {
            for (String d : deployed.dependentsOf(t)) {
                moreDeletes.put(d, true);
            }
        }
        keepDeletes.addAll(moreDeletes.keySet());
        var unchanged = new ArrayList<>(changes.unchanged());
        return new ChangeSet(
                changes.creates().stream().filter(c -> keep.contains(c.id())).toList(),
                changes.updates().stream().filter(c -> keep.contains(c.id())).toList(),
                changes.replaces().stream().filter(c -> keep.contains(c.id())).toList(),
                changes.deletes().stream().filter(c -> keepDeletes.contains(c.id())).toList(),
                unchanged, changes.moves().stream().filter(m -> keep.contains(m.id())).toList());
    }
}
