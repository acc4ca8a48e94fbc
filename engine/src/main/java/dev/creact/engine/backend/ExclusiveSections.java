package dev.creact.engine.backend;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/** The in-process monitors behind {@link StateBackend#exclusive}'s default: one per backend, stack and name. */
final class ExclusiveSections {
    private static final Map<StateBackend, Map<String, Object>> MONITORS = new WeakHashMap<>();

    private ExclusiveSections() {
    }

    static Object monitor(StateBackend backend, String stack, String name) {
        Map<String, Object> perBackend;
        synchronized (MONITORS) {
            perBackend = MONITORS.computeIfAbsent(backend, b -> new ConcurrentHashMap<>());
        }
        return perBackend.computeIfAbsent(stack + "\u0000" + name, k -> new Object());
    }
}
