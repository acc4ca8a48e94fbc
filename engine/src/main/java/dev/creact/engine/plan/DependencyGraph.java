package dev.creact.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.model.RecentByIdentity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who depends on whom in a CloudDOM. An edge {@code a -> b} means a needs b deployed first: a's props
 * hold a reference to one of b's outputs ({@code ${ref:b#out}}), or a's {@code dependsOn} names b (by
 * handle or id), or a's recorded {@link Node#dependencies()} name b (outputs read as known values; in
 * the state, every edge seen when a was deployed). References to ids that do not exist are kept aside as
 * {@link #dangling()}.
 */
public final class DependencyGraph {
    private final List<String> ids;
    private final Map<String, Set<String>> dependencies;
    private final Map<String, Set<String>> dangling;

    private DependencyGraph(List<String> ids, Map<String, Set<String>> dependencies, Map<String, Set<String>> dangling) {
        this.ids = ids;
        this.dependencies = dependencies;
        this.dangling = dangling;
    }

    /**
     * The graphs of the last CloudDOMs asked about. A CloudDOM is immutable, so its graph never changes, and
     * one plan and deploy asks for the same few several times (validation, planning, the deployer, each
     * convergence cycle).
     */
    private static final RecentByIdentity<CloudDom, DependencyGraph> RECENT = new RecentByIdentity<>(8);

    public static DependencyGraph of(CloudDom dom) {
        return RECENT.get(dom, DependencyGraph::build);
    }

    private static DependencyGraph build(CloudDom dom) {
        var nodes = dom.allNodes();
        var known = new HashMap<String, Node>();
        nodes.forEach(n -> known.putIfAbsent(n.id(), n));
        var ids = new ArrayList<String>(known.keySet().size());
        var deps = new LinkedHashMap<String, Set<String>>();
        var dangling = new LinkedHashMap<String, Set<String>>();
        for (Node n : nodes) {
            if (deps.containsKey(n.id())) {
                continue;
            }
            ids.add(n.id());
            var targets = new TreeSet<String>();
            collectRefs(n.props(), targets);
            JsonNode dependsOn = n.props().get("dependsOn");
            if (dependsOn != null) {
                if (dependsOn.isArray()) {
                    dependsOn.forEach(d -> {
                        if (d.isTextual()) {
                            targets.add(d.asText());
                        }
                    });
                } else if (dependsOn.isTextual()) {
                    targets.add(dependsOn.asText());
                }
            }
            targets.addAll(n.dependencies());
            var good = new TreeSet<String>();
            for (String t : targets) {
                if (known.containsKey(t)) {
                    good.add(t);
                } else {
                    dangling.computeIfAbsent(n.id(), k -> new TreeSet<>()).add(t);
                }
            }
            deps.put(n.id(), Collections.unmodifiableSet(good));
        }
        return new DependencyGraph(List.copyOf(ids), deps, dangling);
    }

    private static void collectRefs(JsonNode value, Set<String> out) {
        if (value.isTextual()) {
            for (var ref : OutputRef.findIn(value.asText())) {
                out.add(ref.resourceId());
            }
        } else if (value.isContainerNode()) {
            for (JsonNode child : value) {
                collectRefs(child, out);
            }
        }
    }

    public List<String> ids() {
        return ids;
    }

    /** The ids {@code id} depends on (sorted). */
    public Set<String> dependenciesOf(String id) {
        return dependencies.getOrDefault(id, Set.of());
    }

    /** The ids that depend on {@code id} (sorted). */
    public Set<String> dependentsOf(String id) {
        return dependents().getOrDefault(id, Set.of());
    }

    private Map<String, Set<String>> dependentsCache;

    private synchronized Map<String, Set<String>> dependents() {
        if (dependentsCache == null) {
            var map = new HashMap<String, Set<String>>();
            dependencies.forEach((id, deps) -> {
                for (String d : deps) {
                    map.computeIfAbsent(d, k -> new TreeSet<>()).add(id);
                }
            });
            dependentsCache = map;
        }
        return dependentsCache;
    }

    /**
     * Kahn's algorithm: every id after all its dependencies; among ids that are ready at the same time,
     * the smallest first, so the order does not depend on declaration order. Requires an acyclic graph.
     */
    public synchronized List<String> topologicalOrder() {
        if (orderCache == null) {
            orderCache = List.copyOf(computeOrder());
        }
        return orderCache;
    }

    private List<String> orderCache;

    private List<String> computeOrder() {
        var remaining = new HashMap<String, Integer>(ids.size() * 2);
        var ready = new java.util.PriorityQueue<String>();
        for (String id : ids) {
            int n = dependenciesOf(id).size();
            remaining.put(id, n);
            if (n == 0) {
                ready.add(id);
            }
        }
        var order = new ArrayList<String>(ids.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String dependent : dependentsOf(id)) {
                if (remaining.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() != ids.size()) {
            throw new IllegalStateException("the dependency graph has a cycle: " + cycles());
        }
        return order;
    }

    /** Depth of every id: 0 without dependencies, else one more than its deepest dependency. */
    public Map<String, Integer> depths() {
        var depth = new HashMap<String, Integer>(ids.size() * 2);
        for (String id : topologicalOrder()) {
            int d = 0;
            for (String dep : dependenciesOf(id)) {
                d = Math.max(d, depth.get(dep) + 1);
            }
            depth.put(id, d);
        }
        return depth;
    }

    /** Height of every id: 0 when nothing depends on it, else one more than its highest dependent. */
    public Map<String, Integer> heights() {
        var height = new HashMap<String, Integer>(ids.size() * 2);
        var order = topologicalOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            String id = order.get(i);
            int h = 0;
            for (String dependent : dependentsOf(id)) {
                h = Math.max(h, height.get(dependent) + 1);
            }
            height.put(id, h);
        }
        return height;
    }

    /** {@code ids} and everything they depend on, transitively. */
    public Set<String> withDependencies(Set<String> start) {
        var seen = new TreeSet<String>();
        var work = new ArrayDeque<>(start);
        while (!work.isEmpty()) {
            String id = work.poll();
            if (seen.add(id)) {
                work.addAll(dependenciesOf(id));
            }
        }
        return seen;
    }

    /** Referring id to the ids it names that do not exist. */
    public Map<String, Set<String>> dangling() {
        return Collections.unmodifiableMap(dangling);
    }

    /**
     * Every dependency cycle, each as the ids along it in order (the first id repeated at the end is
     * left out), found with Tarjan's strongly connected components. Deterministic: ids are visited in
     * sorted order and each cycle starts at its smallest id.
     */
    public List<List<String>> cycles() {
        var index = new HashMap<String, Integer>();
        var low = new HashMap<String, Integer>();
        var onStack = new LinkedHashSet<String>();
        Deque<String> stack = new ArrayDeque<>();
        var components = new ArrayList<List<String>>();
        int[] counter = {0};
        for (String id : new TreeSet<>(ids)) {
            if (!index.containsKey(id)) {
                strongConnect(id, index, low, onStack, stack, components, counter);
            }
        }
        var cycles = new ArrayList<List<String>>();
        for (var component : components) {
            boolean selfLoop = component.size() == 1 && dependenciesOf(component.getFirst()).contains(component.getFirst());
            if (component.size() > 1 || selfLoop) {
                cycles.add(cycleWithin(new TreeSet<>(component)));
            }
        }
        cycles.sort((a, b) -> a.getFirst().compareTo(b.getFirst()));
        return cycles;
    }

    // Iterative Tarjan: deep dependency chains (100,000 nodes) must not overflow the Java stack.
    private void strongConnect(String start, Map<String, Integer> index, Map<String, Integer> low,
                               Set<String> onStack, Deque<String> stack, List<List<String>> components, int[] counter) {
        Deque<Map.Entry<String, java.util.Iterator<String>>> work = new ArrayDeque<>();
        index.put(start, counter[0]);
        low.put(start, counter[0]++);
        stack.push(start);
        onStack.add(start);
        work.push(Map.entry(start, dependenciesOf(start).iterator()));
        while (!work.isEmpty()) {
            var top = work.peek();
            String v = top.getKey();
            var it = top.getValue();
            if (it.hasNext()) {
                String w = it.next();
                if (!index.containsKey(w)) {
                    index.put(w, counter[0]);
                    low.put(w, counter[0]++);
                    stack.push(w);
                    onStack.add(w);
                    work.push(Map.entry(w, dependenciesOf(w).iterator()));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            } else {
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    var component = new ArrayList<String>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    components.add(component);
                }
            }
        }
    }

    /** One concrete cycle through the smallest id of a strongly connected component. */
    private List<String> cycleWithin(TreeSet<String> component) {
        String start = component.first();
        // Breadth-first search back to start gives the shortest cycle through it.
        var previous = new HashMap<String, String>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        previous.put(start, null);
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String v = queue.poll();
            for (String w : dependenciesOf(v)) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(start)) {
                    last = v;
                    break;
                }
                if (!previous.containsKey(w)) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        var path = new ArrayList<String>();
        for (String v = last; v != null; v = previous.get(v)) {
            path.add(v);
        }
        Collections.reverse(path);
        return path;
    }
}
