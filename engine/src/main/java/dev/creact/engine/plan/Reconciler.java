package dev.creact.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.ChangeSet;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Move;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.PropChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Computes the {@link ChangeSet} between the deployed CloudDOM and the desired one, in O(n) with id maps:
 * creates, updates (deep equality, with every changed prop path and its values), replacements (construct
 * type changed, a prop whose schema forces replacement changed, or asked for), deletes, unchanged, and
 * moves (parent changed; reported, not a change).
 */
public final class Reconciler {
    /** Which props force a replacement when they change, by construct type. */
    public interface ReplacementRules {
        ReplacementRules NONE = type -> Set.of();

        Set<String> replacingProps(String type);
    }

    private final ReplacementRules rules;

    public Reconciler(ReplacementRules rules) {
        this.rules = rules;
    }

    /** What happened to one desired resource: a change, or unchanged, and maybe a move. */
    private record Outcome(Change change, String unchanged, Move move) {
    }

    public ChangeSet reconcile(CloudDom previous, CloudDom current, Set<String> forceReplace) {
        // The two indexes and the comparisons are independent per resource: spread them over the cores.
        // Parallel streams, not futures: the calling thread takes part, so this never waits on a pool
        // whose workers are all busy elsewhere (the common pool has one worker on two cores).
        var indexes = java.util.stream.Stream.of(previous, current).parallel().map(Reconciler::parents).toList();
        var before = indexes.get(0);
        var after = indexes.get(1);
        var outcomes = after.nodes.entrySet().parallelStream()
                .map(e -> compare(e.getKey(), e.getValue(), before, after, forceReplace))
                .toList();
        var creates = new ArrayList<Change>();
        var updates = new ArrayList<Change>();
        var replaces = new ArrayList<Change>();
        var deletes = new ArrayList<Change>();
        var unchanged = new ArrayList<String>();
        var moves = new ArrayList<Move>();
        for (Outcome o : outcomes) {
            if (o.move() != null) {
                moves.add(o.move());
            }
            if (o.unchanged() != null) {
                unchanged.add(o.unchanged());
                continue;
            }
            switch (o.change().action()) {
                case CREATE -> creates.add(o.change());
                case UPDATE -> updates.add(o.change());
                case REPLACE -> replaces.add(o.change());
                case DELETE -> deletes.add(o.change());
            }
        }
        for (var entry : before.nodes.entrySet()) {
            if (!after.nodes.containsKey(entry.getKey())) {
                Node was = entry.getValue();
                deletes.add(new Change(was.id(), was.type(), Action.DELETE, was.props(), null, List.of(), List.of(), was.source()));
            }
        }
        Comparator<Change> byId = Comparator.comparing(Change::id);
        creates.sort(byId);
        updates.sort(byId);
        replaces.sort(byId);
        deletes.sort(byId);
        unchanged.sort(Comparator.naturalOrder());
        moves.sort(Comparator.comparing(Move::id));
        return new ChangeSet(creates, updates, replaces, deletes, unchanged, moves);
    }

    private Outcome compare(String id, Node now, Index before, Index after, Set<String> forceReplace) {
        Node was = before.nodes.get(id);
        if (was == null) {
            return new Outcome(new Change(id, now.type(), Action.CREATE, null, now.props(), List.of(), List.of(), now.source()),
                    null, null);
        }
        String fromParent = before.parentOf.get(id);
        String toParent = after.parentOf.get(id);
        Move move = java.util.Objects.equals(fromParent, toParent) ? null : new Move(id, fromParent, toParent);
        var reasons = new ArrayList<String>();
        if (!was.type().equals(now.type())) {
            reasons.add("type changed from " + was.type() + " to " + now.type());
        }
        var changed = new ArrayList<PropChange>();
        if (!was.props().equals(now.props())) {
            Set<String> replacing = rules.replacingProps(now.type());
            diff("", withoutImport(was.props()), withoutImport(now.props()), changed, replacing);
            for (var c : changed) {
                if (c.forcesReplacement()) {
                    reasons.add(topLevel(c.path()) + " changed");
                }
            }
        }
        if (forceReplace.contains(id)) {
            reasons.add("requested with --replace");
        }
        if (!reasons.isEmpty()) {
            return new Outcome(new Change(id, now.type(), Action.REPLACE, was.props(), now.props(), changed,
                    reasons.stream().distinct().toList(), now.source()), null, move);
        }
        if (!changed.isEmpty()) {
            return new Outcome(new Change(id, now.type(), Action.UPDATE, was.props(), now.props(), changed, List.of(),
                    now.source()), null, move);
        }
        return new Outcome(null, id, move);
    }

    /** Props without {@code import}: it asks how a resource comes into the state, and is no difference once it is there. */
    private static ObjectNode withoutImport(ObjectNode props) {
        if (!props.has("import")) {
            return props;
        }
        ObjectNode copy = props.deepCopy();
        copy.remove("import");
        return copy;
    }

    /** The top-level prop of a changed path: {@code tags} for {@code tags.env}, {@code ports} for {@code ports[1]}. */
    static String topLevel(String path) {
        int cut = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                cut = i;
                break;
            }
        }
        return path.substring(0, cut);
    }

    /** Changed leaves between two JSON values, objects by key (sorted), arrays by index when lengths match. */
    static void diff(String path, JsonNode a, JsonNode b, List<PropChange> out, Set<String> replacing) {
        if (a != null && a.equals(b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            var keys = new TreeSet<String>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out, replacing);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size() && !path.isEmpty()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out, replacing);
            }
            return;
        }
        out.add(new PropChange(path, a, b, replacing.contains(topLevel(path))));
    }

    /** Nodes by id and the parent of each, built in one walk. */
    private record Index(Map<String, Node> nodes, Map<String, String> parentOf) {
    }

    private static Index parents(CloudDom dom) {
        var nodes = new HashMap<String, Node>();
        var parentOf = new HashMap<String, String>();
        var stack = new ArrayList<Map.Entry<Node, String>>();
        for (Iterator<Node> it = dom.resources().reversed().iterator(); it.hasNext(); ) {
            stack.add(Map.entry(it.next(), ""));
        }
        while (!stack.isEmpty()) {
            var e = stack.removeLast();
            Node n = e.getKey();
            if (nodes.putIfAbsent(n.id(), n) == null && !e.getValue().isEmpty()) {
                parentOf.put(n.id(), e.getValue());
            }
            for (Node c : n.children().reversed()) {
                stack.add(Map.entry(c, n.id()));
            }
        }
        return new Index(nodes, parentOf);
    }

    /** Replacement rules from a function (for schemas known at plan time). */
    public static ReplacementRules rules(Function<String, Set<String>> f) {
        return f::apply;
    }
}
