package dev.creact.engine.providers.mock;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the ledger says about each resource, folded from its entries in order. */
final class MockWorld {
    static final class Resource {
        boolean exists;
        long successfulCreates;
        long transientFailures;
        String mockId;
    }

    private final Map<String, Resource> resources = new HashMap<>();

    static MockWorld of(Iterable<MockLedger.Entry> entries) {
        MockWorld world = new MockWorld();
        entries.forEach(world::apply);
        return world;
    }

    void apply(MockLedger.Entry entry) {
        Resource r = resources.computeIfAbsent(entry.id(), id -> new Resource());
        switch (entry.result()) {
            case TRANSIENT -> r.transientFailures++;
            case OK -> {
                switch (entry.op()) {
                    case CREATE -> {
                        r.exists = true;
                        r.successfulCreates++;
                        r.mockId = entry.mockId();
                    }
                    case UPDATE -> r.exists = true;
                    case DELETE -> r.exists = false;
                    case READ -> {
                    }
                }
            }
            case ABSENT, PERMANENT -> {
            }
        }
    }

    /** Never null: an id the ledger has not seen is a resource that does not exist and never failed. */
    Resource get(String id) {
        Resource r = resources.get(id);
        return r != null ? r : new Resource();
    }

    Map<String, Long> successfulCreates() {
        Map<String, Long> counts = new TreeMap<>();
        resources.forEach((id, r) -> {
            if (r.successfulCreates > 0) {
                counts.put(id, r.successfulCreates);
            }
        });
        return counts;
    }

    Set<String> existing() {
        Set<String> ids = new TreeSet<>();
        resources.forEach((id, r) -> {
            if (r.exists) {
                ids.add(id);
            }
        });
        return ids;
    }
}
