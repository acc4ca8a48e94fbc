package dev.creact.engine.js;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transpiled modules a {@link Transpiler} keeps in memory, bounded by their estimated size, not their number.
 * In the language server every keystroke adds an entry (the edited file's new text, code and source map); a
 * bound by count let a large file fill the heap (a one-file stack of 1,000 resources costs about a megabyte an
 * entry, and 2,048 of them were allowed), while a bound by size keeps the current version of every file of a
 * project and only as many older versions as fit. The modules used longest ago go first; the newest is always
 * kept, however large. Thread-safe: transpiles finish on threads of their own.
 */
final class TranspiledModuleCache {
    /** What a language server keeps by default: every current file of a large project, and recent edits. */
    static final long DEFAULT_BUDGET_BYTES = 16L << 20;

    private final long budgetBytes;
    private final LinkedHashMap<String, Sized> modules = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    private record Sized(TranspiledModule module, long bytes) {
    }

    TranspiledModuleCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized TranspiledModule get(String key) {
        Sized sized = modules.get(key);
        return sized == null ? null : sized.module();
    }

    synchronized void put(String key, TranspiledModule module) {
        var sized = new Sized(module, estimatedBytes(module));
        Sized old = modules.put(key, sized);
        bytes += sized.bytes() - (old == null ? 0 : old.bytes());
        Iterator<Map.Entry<String, Sized>> eldest = modules.entrySet().iterator();
        while (bytes > budgetBytes && modules.size() > 1) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized int size() {
        return modules.size();
    }

    /** The estimated bytes of the modules held now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Strings at two bytes a character (the larger of their two encodings), plus the decoded source map. */
    static long estimatedBytes(TranspiledModule module) {
        long chars = (long) module.path().length() + module.original().length() + module.code().length();
        return 64 + 2 * chars + module.map().estimatedBytes();
    }
}
