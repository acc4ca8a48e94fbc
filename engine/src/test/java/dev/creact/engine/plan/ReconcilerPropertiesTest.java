package dev.creact.engine.plan;

import dev.creact.engine.model.PlanOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Plan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the reconciler and planner over random trees and random edits. Each case is seeded;
 * a failure names its seed, and the same seed replays it.
 */
@DisplayName("Reconciler and planner properties (200 random cases)")
class ReconcilerPropertiesTest {
    static LongStream seeds() {
        return LongStream.range(1, 201);
    }

    private static final Planner PLANNER = new Planner(type -> type.equals("mock:Other") ? Set.of("name") : Set.of());

    record Case(CloudDom before, CloudDom after, Map<String, Trees.Flat> beforeFlat, Map<String, Trees.Flat> afterFlat) {
    }

    static Case make(long seed) {
        var r = new Random(seed);
        var before = Trees.randomFlat(r, 1 + r.nextInt(40), "n");
        var after = Trees.mutate(r, before);
        return new Case(Trees.build(before, Trees.sortedIds(before)), Trees.build(after, Trees.sortedIds(after)), before, after);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("applying the change set to the previous tree gives the current one")
    void applyingGivesCurrent(long seed) {
        var c = make(seed);
        var changes = new Reconciler(type -> type.equals("mock:Other") ? Set.of("name") : Set.of())
                .reconcile(c.before(), c.after(), Set.of());
        Map<String, String> state = new HashMap<>();
        c.beforeFlat().forEach((id, f) -> state.put(id, f.type() + Json.write(f.props())));
        for (Change ch : changes.all()) {
            switch (ch.action()) {
                case CREATE, UPDATE, REPLACE -> state.put(ch.id(), ch.type() + Json.write(ch.after()));
                case DELETE -> state.remove(ch.id());
            }
        }
        Map<String, String> expected = new HashMap<>();
        c.afterFlat().forEach((id, f) -> expected.put(id, f.type() + Json.write(f.props())));
        assertEquals(expected, state, "seed " + seed);
        // Unchanged and changed ids partition the desired ids.
        var seen = new HashSet<String>(changes.unchanged());
        for (Change ch : changes.all()) {
            if (ch.action() != Action.DELETE) {
                assertTrue(seen.add(ch.id()), "seed " + seed + ": " + ch.id() + " appears twice");
            }
        }
        assertEquals(c.afterFlat().keySet(), seen, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("the order respects every edge, and the batches partition the changed ids")
    void orderAndBatches(long seed) {
        var c = make(seed);
        Plan plan = PLANNER.plan("dev", 1, c.before(), c.after(), PlanOptions.NONE);
        var changed = new HashSet<String>();
        plan.changeSet().all().forEach(ch -> changed.add(ch.id()));
        assertEquals(changed, new HashSet<>(plan.order()), "seed " + seed);
        assertEquals(plan.order().size(), changed.size(), "seed " + seed + ": no id twice in the order");
        var flattened = new ArrayList<String>();
        plan.batches().forEach(flattened::addAll);
        assertEquals(changed, new HashSet<>(flattened), "seed " + seed);
        assertEquals(changed.size(), flattened.size(), "seed " + seed + ": batches are disjoint");

        var position = new HashMap<String, Integer>();
        for (int i = 0; i < plan.order().size(); i++) {
            position.put(plan.order().get(i), i);
        }
        var batchOf = new HashMap<String, Integer>();
        for (int b = 0; b < plan.batches().size(); b++) {
            for (String id : plan.batches().get(b)) {
                batchOf.put(id, b);
            }
        }
        var deleted = new HashSet<String>();
        plan.changeSet().deletes().forEach(ch -> deleted.add(ch.id()));
        var desired = DependencyGraph.of(c.after());
        for (String id : desired.ids()) {
            for (String dep : desired.dependenciesOf(id)) {
                if (position.containsKey(id) && position.containsKey(dep)) {
                    assertTrue(position.get(dep) < position.get(id), "seed " + seed + ": " + dep + " before " + id);
                    assertTrue(batchOf.get(dep) < batchOf.get(id), "seed " + seed + ": batch of " + dep + " before " + id);
                }
            }
        }
        var deployed = DependencyGraph.of(c.before());
        for (String id : deployed.ids()) {
            for (String dep : deployed.dependenciesOf(id)) {
                if (deleted.contains(id) && deleted.contains(dep)) {
                    assertTrue(position.get(id) < position.get(dep), "seed " + seed + ": delete dependent " + id + " first");
                    assertTrue(batchOf.get(id) < batchOf.get(dep), "seed " + seed + ": delete batch of " + id + " first");
                }
            }
        }
        for (String id : plan.order()) {
            if (!deleted.contains(id)) {
                for (String d : deleted) {
                    assertTrue(position.get(id) < position.get(d), "seed " + seed + ": deletes come last");
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("the plan does not depend on the order of the input")
    void independentOfInputOrder(long seed) {
        var c = make(seed);
        var shuffledIds = new ArrayList<>(c.afterFlat().keySet());
        Collections.shuffle(shuffledIds, new Random(seed * 31));
        var shuffledBefore = new ArrayList<>(c.beforeFlat().keySet());
        Collections.shuffle(shuffledBefore, new Random(seed * 17));
        CloudDom after2 = Trees.build(c.afterFlat(), shuffledIds);
        CloudDom before2 = Trees.build(c.beforeFlat(), shuffledBefore);
        Plan a = PLANNER.plan("dev", 1, c.before(), c.after(), PlanOptions.NONE);
        Plan b = PLANNER.plan("dev", 1, before2, after2, PlanOptions.NONE);
        assertEquals(a.order(), b.order(), "seed " + seed);
        assertEquals(a.batches(), b.batches(), "seed " + seed);
        assertEquals(ids(a.changeSet().all()), ids(b.changeSet().all()), "seed " + seed);
        assertEquals(a.changeSet().unchanged(), b.changeSet().unchanged(), "seed " + seed);
    }

    private static List<String> ids(List<Change> changes) {
        return changes.stream().map(ch -> ch.action().word() + ":" + ch.id()).toList();
    }

}
