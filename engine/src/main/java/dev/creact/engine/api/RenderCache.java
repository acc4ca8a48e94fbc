package dev.creact.engine.api;

import dev.creact.engine.render.RenderMemo;

/**
 * What a client that builds one stack again and again (the language server, {@code creact dev}) keeps between
 * builds, so that each build renders only the component instances whose code or inputs changed (incremental
 * rendering; ARCHITECTURE.md, "Incremental rendering"). One per stack and entry; pass it with every build of that
 * stack ({@link BuildInput#withCache}).
 */
public final class RenderCache {
    private final RenderMemo memo = new RenderMemo();

    RenderMemo memo() {
        return memo;
    }
}
