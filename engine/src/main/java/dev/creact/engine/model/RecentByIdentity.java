package dev.creact.engine.model;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was last derived from a few immutable values (a CloudDOM's dependency graph, its JSON tree), by the
 * value's identity. One plan or deploy asks for the same derivation several times, and a long-lived process
 * (`creact dev`, the language server) would otherwise redo it on every save. Identity, not equality: an equal
 * but different CloudDOM costs one derivation, whereas hashing a whole CloudDOM would cost as much. When full,
 * it forgets everything: the values asked about are those of the current deploy.
 */
public final class RecentByIdentity<K, V> {
    private final int capacity;
    private final Map<K, V> recent = new IdentityHashMap<>();

    public RecentByIdentity(int capacity) {
        this.capacity = capacity;
    }

    /** {@code derive(key)}, remembered. {@code derive} must be pure: two threads may both run it. */
    public V get(K key, Function<K, V> derive) {
        synchronized (recent) {
            V known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = derive.apply(key);
        synchronized (recent) {
            if (recent.size() >= capacity) {
                recent.clear();
            }
            recent.put(key, value);
        }
        return value;
    }
}
