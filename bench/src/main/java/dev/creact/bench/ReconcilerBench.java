package dev.creact.bench;

import dev.creact.engine.model.PlanOptions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.ChangeSet;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.SourceSpan;
import dev.creact.engine.plan.Planner;
import dev.creact.engine.plan.Reconciler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The in-process plan benchmark (the "Plan" issue): the reconciler and the whole {@link Planner} on
 * synthetic CloudDOMs of 10,000 and 100,000 nodes, deployed state against a desired state in which 1%
 * of the nodes changed.
 *
 * <p><b>Shape.</b> Nodes come in groups of ten: a root {@code g-NNNNNN} ({@code mock:Network}) with nine
 * children ({@code g-NNNNNN.db}, {@code .queue}, ...; one of them, {@code .cache}, has the {@code .dns}
 * child under it, so the tree is three levels deep). Every node has an object of props with 3-5 keys
 * (strings, numbers, booleans, a small nested {@code tags} object or an array), and outputs with an
 * {@code id}. Slot {@code k} of group {@code g} depends on slot {@code k} of group {@code g-1} for five of
 * the ten slots, by {@code dependsOn} (ids) or by an output reference token {@code ${ref:id#out}} in a prop,
 * as a render makes them; so there are five chains N/10 deep plus references to the parent.
 *
 * <p><b>Changes (1% of the nodes, fixed seed).</b> 70% prop edits (a value changed, a key added or a
 * nested tag changed; a fifth of them on a prop that forces replacement), 10% construct type changes,
 * 10% deletes (of slots nothing depends on) and 10% adds (new children). The desired CloudDOM is built
 * from scratch, so no JSON tree is shared with the deployed one, as after a real render.
 *
 * <p><b>Timing.</b> For each size: {@code --warmup} untimed runs, then {@code --runs} timed runs of
 * {@code new Reconciler(rules).reconcile(prev, cur, Set.of())} and, separately, of
 * {@code Planner.plan(...)} (reconcile, both dependency graphs, Kahn order and batches). The first run
 * of each (before any warm-up) is reported too: that is what a one-shot CLI process pays.
 * Prints a Markdown table on stdout; progress on stderr.
 *
 * <p>Usage: {@code ReconcilerBench [--sizes 10000,100000] [--warmup 10] [--runs 20] [--changed 0.01]
 * [--label text]}.
 */
public final class ReconcilerBench {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] SLOTS = {"network", "db", "queue", "cache", "dns", "role", "bucket", "config",
            "logs", "manifest"};
    /** Index of the slot each slot's node hangs under (-1: root, 0: the group root). */
    private static final int[] PARENT = {-1, 0, 0, 0, 3, 0, 0, 0, 0, 0};
    private static final String[] TYPES = {"mock:Network", "mock:Database", "mock:Queue", "mock:Cache", "mock:Dns",
            "mock:Role", "mock:Bucket", "local:File", "mock:LogGroup", "local:File"};
    /** Slots that nothing depends on: the ones that may be deleted. */
    private static final Set<Integer> LEAVES = Set.of(6, 8, 9);

    /** The replacement rules of the synthetic construct types. */
    static final Reconciler.ReplacementRules RULES = type -> switch (type) {
        case "mock:Database" -> Set.of("engine");
        case "mock:Bucket" -> Set.of("region");
        case "local:File" -> Set.of("path");
        default -> Set.of();
    };

    public static void main(String[] args) {
        var opt = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        int[] sizes = Arrays.stream(opt.getOrDefault("sizes", "10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "20"));
        double changed = Double.parseDouble(opt.getOrDefault("changed", "0.01"));
        String label = opt.getOrDefault("label", jvmLabel());

        var rows = new ArrayList<String>();
        for (int n : sizes) {
            rows.addAll(measure(n, changed, warmup, runs, label));
        }
        System.out.println("| JVM | nodes | changed | what | first run (ms) | median (ms) | p95 (ms) | min (ms) | max (ms) | result |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---|");
        rows.forEach(System.out::println);
    }

    private static String jvmLabel() {
        var in = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean c1 = in.stream().anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel=1"));
        String gc = in.stream().filter(a -> a.matches("-XX:\\+Use\\w+GC")).findFirst().orElse("default GC")
                .replace("-XX:+Use", "");
        return (c1 ? "C1 only" : "C1+C2") + ", " + gc;
    }

    private static List<String> measure(int n, double changedShare, int warmup, int runs, String label) {
        long t0 = System.nanoTime();
        var edits = Edits.choose(n, changedShare, new Random(42 + n));
        CloudDom prev = build(n, Edits.NONE);
        CloudDom cur = build(n, edits);
        System.err.printf(Locale.ROOT, "reconciler-bench: %,d nodes built (%,d desired, %d changed) in %d ms%n",
                prev.size(), cur.size(), edits.total(), (System.nanoTime() - t0) / 1_000_000);

        Supplier<ChangeSet> reconcile = () -> new Reconciler(RULES).reconcile(prev, cur, Set.of());
        Supplier<Plan> plan = () -> new Planner(RULES).plan("bench", 7, prev, cur, PlanOptions.NONE);

        // First runs in this JVM for this size (the reconciler's code may have been compiled by a smaller
        // size before; the first size's figures are the truly cold ones).
        var first = new double[2];
        first[0] = time(reconcile);
        first[1] = time(plan);
        ChangeSet cs = reconcile.get();
        Plan p = plan.get();
        String result = String.format(Locale.ROOT, "+%d ~%d -/+%d -%d", cs.creates().size(), cs.updates().size(),
                cs.replaces().size(), cs.deletes().size());
        String planResult = result + String.format(Locale.ROOT, ", %d in order, %d batches", p.order().size(),
                p.batches().size());

        for (int i = 0; i < warmup; i++) {
            reconcile.get();
            plan.get();
        }
        double[] r = new double[runs];
        double[] q = new double[runs];
        for (int i = 0; i < runs; i++) {
            r[i] = time(reconcile);
        }
        for (int i = 0; i < runs; i++) {
            q[i] = time(plan);
        }
        System.err.printf(Locale.ROOT, "reconciler-bench: %,d nodes: reconcile median %.1f ms, plan median %.1f ms%n",
                n, median(r), median(q));
        return List.of(row(label, n, edits.total(), "reconcile", first[0], r, result),
                row(label, n, edits.total(), "Planner.plan", first[1], q, planResult));
    }

    private static String row(String label, int n, int changed, String what, double first, double[] xs, String result) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s |", label, n,
                changed, what, first, median(s), p95(s), s[0], s[s.length - 1], result);
    }

    private static double time(Supplier<?> work) {
        long start = System.nanoTime();
        Object out = work.get();
        long end = System.nanoTime();
        if (out == null) {
            throw new AssertionError();
        }
        return (end - start) / 1e6;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Nearest-rank 95th percentile. */
    static double p95(double[] sorted) {
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    // ------------------------------------------------------------------ the synthetic CloudDOMs

    /** Which nodes change between the deployed and the desired CloudDOM, by node number (group*10+slot). */
    record Edits(Set<Integer> props, Set<Integer> types, Set<Integer> deletes, Set<Integer> addTo) {
        static final Edits NONE = new Edits(Set.of(), Set.of(), Set.of(), Set.of());

        int total() {
            return props.size() + types.size() + deletes.size() + addTo.size();
        }

        static Edits choose(int n, double share, Random random) {
            int groups = n / SLOTS.length;
            int total = Math.max(10, (int) Math.round(n * share));
            int typeCount = total / 10;
            int deleteCount = total / 10;
            int addCount = total / 10;
            int propCount = total - typeCount - deleteCount - addCount;
            var used = new HashSet<Integer>();
            var props = pick(propCount, used, random, groups, slot -> true);
            var types = pick(typeCount, used, random, groups, slot -> slot != 0 && !LEAVES.contains(slot));
            var deletes = pick(deleteCount, used, random, groups, LEAVES::contains);
            var addTo = new HashSet<Integer>();
            while (addTo.size() < addCount) {
                addTo.add(random.nextInt(groups));
            }
            return new Edits(props, types, deletes, addTo);
        }

        private static Set<Integer> pick(int count, Set<Integer> used, Random random, int groups,
                                         java.util.function.IntPredicate slotOk) {
            var out = new HashSet<Integer>();
            while (out.size() < count) {
                int slot = random.nextInt(SLOTS.length);
                int node = random.nextInt(groups) * SLOTS.length + slot;
                if (slotOk.test(slot) && used.add(node)) {
                    out.add(node);
                }
            }
            return out;
        }
    }

    static CloudDom build(int n, Edits edits) {
        int groups = n / SLOTS.length;
        var roots = new ArrayList<Node>(groups);
        for (int g = 0; g < groups; g++) {
            String gid = String.format("g-%06d", g);
            var nodes = new Node[SLOTS.length];
            // Children first (the cache's child before the cache), then the root.
            var childrenOf = new ArrayList<List<Node>>();
            for (int s = 0; s < SLOTS.length; s++) {
                childrenOf.add(new ArrayList<>());
            }
            for (int s = SLOTS.length - 1; s >= 0; s--) {
                int number = g * SLOTS.length + s;
                if (edits.deletes().contains(number)) {
                    continue;
                }
                String id = s == 0 ? gid : gid + "." + SLOTS[s];
                String type = TYPES[s];
                if (edits.types().contains(number)) {
                    type = type + "V2";
                }
                ObjectNode props = props(g, s, gid, edits.props().contains(number));
                var kids = new ArrayList<>(childrenOf.get(s));
                java.util.Collections.reverse(kids);
                if (s == 0 && edits.addTo().contains(g)) {
                    kids.add(node(gid + ".extra", gid, "mock:Resource", extraProps(gid), List.of()));
                }
                nodes[s] = node(id, gid, type, props, kids);
                if (s != 0) {
                    childrenOf.get(PARENT[s]).add(nodes[s]);
                }
            }
            roots.add(nodes[0]);
        }
        return new CloudDom(CloudDom.FORMAT_VERSION, "bench", roots, Map.of());
    }

    private static Node node(String id, String gid, String type, ObjectNode props, List<Node> children) {
        var outputs = F.objectNode();
        outputs.put("id", id + "-" + Integer.toHexString(id.hashCode()));
        return new Node(id, List.of(gid), type, props, children, outputs, null,
                new SourceSpan("components/service.tsx", 10 + id.length(), 5));
    }

    private static String prevId(int g, int s) {
        String gid = String.format("g-%06d", g - 1);
        return s == 0 ? gid : gid + "." + SLOTS[s];
    }

    /** 3-5 keys per node; slots 1, 3, 5 depend on the previous group by dependsOn, 2 and 4 by a reference. */
    private static ObjectNode props(int g, int s, String gid, boolean edited) {
        var p = F.objectNode();
        switch (s) {
            case 0 -> {
                p.put("cidr", "10." + (g % 256) + ".0.0/16");
                p.put("name", gid);
                p.put("upstream", g > 0 ? "${ref:" + prevId(g, 0) + "#id}" : "none");
            }
            case 1 -> {
                p.put("engine", "postgres");
                p.put("size", new String[]{"small", "medium", "large"}[g % 3]);
                p.put("network", "${ref:" + gid + "#id}");
                p.set("dependsOn", deps(g, s));
            }
            case 2 -> {
                p.put("fifo", g % 2 == 0);
                p.put("retentionDays", 7);
                p.put("deadLetter", g > 0 ? "${ref:" + prevId(g, 2) + "#id}" : "none");
            }
            case 3 -> {
                p.put("nodes", g % 3 == 2 ? 3 : 1);
                p.put("engine", "redis");
                p.set("dependsOn", deps(g, s));
                p.put("network", "${ref:" + gid + "#id}");
            }
            case 4 -> {
                p.put("record", gid + ".internal");
                p.put("target", "${ref:" + gid + ".cache#id}");
                p.put("ttl", 300);
                p.put("upstream", g > 0 ? "${ref:" + prevId(g, 4) + "#id}" : "none");
            }
            case 5 -> {
                ArrayNode policies = p.putArray("policies");
                policies.add("read").add("write");
                ObjectNode tags = p.putObject("tags");
                tags.put("service", gid);
                tags.put("tier", g % 3 == 0 ? "small" : "large");
                p.set("dependsOn", deps(g, s));
            }
            case 6 -> {
                p.put("region", "eu-west-" + (1 + g % 3));
                p.put("versioning", true);
                p.put("name", gid + "-assets");
            }
            case 7 -> {
                p.put("path", "out/" + gid + "/config.json");
                p.put("content", "{\"service\":\"" + gid + "\",\"db\":\"${ref:" + gid + ".db#id}\"}");
                p.put("mode", "644");
            }
            case 8 -> {
                p.put("retention", 30);
                p.put("name", "/svc/" + gid);
                ObjectNode tags = p.putObject("tags");
                tags.put("service", gid);
                p.put("encrypted", false);
            }
            default -> {
                p.put("path", "out/" + gid + "/manifest.txt");
                p.put("content", gid + ".db\n" + gid + ".queue\n" + gid + ".role\n");
                p.put("mode", "600");
            }
        }
        if (edited) {
            edit(p, g, s);
        }
        return p;
    }

    private static ArrayNode deps(int g, int s) {
        var a = F.arrayNode();
        if (g > 0) {
            a.add(prevId(g, s));
        }
        return a;
    }

    /** One edit, chosen by the node: a value changed, a key added, or a nested value changed. */
    private static void edit(ObjectNode p, int g, int s) {
        switch ((g + s) % 4) {
            case 0 -> p.put("annotation", "edited-" + g);
            case 1 -> {
                // The first string-valued key: for db (engine), bucket (region) and files (path) it forces a
                // replacement.
                var it = p.fieldNames();
                while (it.hasNext()) {
                    String k = it.next();
                    if (p.get(k).isTextual()) {
                        p.put(k, p.get(k).asText() + "-v2");
                        return;
                    }
                }
                p.put("annotation", "edited-" + g);
            }
            case 2 -> {
                ObjectNode tags = p.has("tags") ? (ObjectNode) p.get("tags") : p.putObject("tags");
                tags.put("owner", "team-" + (g % 7));
            }
            default -> {
                var it = p.fieldNames();
                String last = null;
                while (it.hasNext()) {
                    last = it.next();
                }
                if (last != null && p.get(last).isNumber()) {
                    p.put(last, p.get(last).asInt() + 1);
                } else {
                    p.put("revision", 2);
                }
            }
        }
    }

    private static ObjectNode extraProps(String gid) {
        var p = F.objectNode();
        p.put("name", gid + "-extra");
        p.put("size", 1);
        p.set("dependsOn", F.arrayNode().add(gid + ".db"));
        return p;
    }
}
