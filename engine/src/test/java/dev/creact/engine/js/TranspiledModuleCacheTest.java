package dev.creact.engine.js;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranspiledModuleCacheTest {
    /** A module of about {@code kib} KiB: its text, code and a source map of one segment per 20 characters. */
    private static TranspiledModule module(String name, int kib) {
        String text = "x".repeat(kib * 256);
        var mappings = new StringBuilder();
        for (int i = 0; i < text.length() / 20; i++) {
            mappings.append(i == 0 ? "AAAA" : ",CAAC");
        }
        return new TranspiledModule("/p/" + name + ".tsx", text, text, SourceMap.decode(mappings.toString()));
    }

    @Test
    @DisplayName("a keystroke's worth of new versions of a large file stays within the budget, the newest ones kept")
    void boundedBySize() {
        long budget = 4L << 20;
        var cache = new TranspiledModuleCache(budget);
        var one = module("big", 512);
        long each = TranspiledModuleCache.estimatedBytes(one);
        assertTrue(each > 512 * 1024, "the estimate counts text, code and map: " + each);
        for (int edit = 0; edit < 100; edit++) {
            cache.put("big@" + edit, module("big", 512));
            assertTrue(cache.bytes() <= budget, "after edit " + edit + ": " + cache.bytes() + " bytes");
        }
        assertEquals(budget / each, cache.size());
        assertNotNull(cache.get("big@99"));
        assertNull(cache.get("big@0"));
    }

    @Test
    @DisplayName("the modules used longest ago go first: a file read on every evaluation stays")
    void leastRecentlyUsedFirst() {
        var small = module("small", 1);
        var cache = new TranspiledModuleCache(TranspiledModuleCache.estimatedBytes(small) * 3);
        cache.put("lib", small);
        cache.put("a", module("a", 1));
        cache.put("b", module("b", 1));
        assertSame(small, cache.get("lib"));
        cache.put("c", module("c", 1));
        assertNotNull(cache.get("lib"));
        assertNull(cache.get("a"));
        assertEquals(3, cache.size());
    }

    @Test
    @DisplayName("one module larger than the whole budget is still kept (the current version of a file must be)")
    void newestAlwaysKept() {
        var cache = new TranspiledModuleCache(1024);
        cache.put("a", module("a", 8));
        cache.put("b", module("b", 8));
        assertNull(cache.get("a"));
        assertNotNull(cache.get("b"));
        assertEquals(TranspiledModuleCache.estimatedBytes(cache.get("b")), cache.bytes());
    }
}
