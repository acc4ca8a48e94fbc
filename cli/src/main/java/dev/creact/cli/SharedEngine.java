package dev.creact.cli;

import dev.creact.engine.api.CreactEngine;

import java.nio.file.Path;

/**
 * One {@link CreactEngine} kept for the life of the daemon and lent to each of its commands. A command run
 * in-process makes its own engine and closes it; a daemon that did the same would start a new GraalJS engine
 * per command, so every command would parse creact's runtime again and re-specialise its code in a cold
 * interpreter, which was most of a warm daemon's time for a small plan (docs/benchmarks.md, issue 20, "Plan
 * of 10 resources through the daemon"). The language server keeps its engine the same way. The project, its
 * configuration, backend and state are still opened afresh by every command ({@link Session}), so an edited
 * configuration or a state changed by another process is seen as in-process.
 */
public final class SharedEngine implements AutoCloseable {
    private CreactEngine engine;
    private boolean closed;

    /**
     * The engine, made on first use for the first command's project and entry (so that a plan of sources in the
     * transpile cache never loads swc, as in-process); later commands of other projects share it.
     */
    synchronized CreactEngine lend(Path projectRoot, Path entry) {
        if (closed) {
            throw new IllegalStateException("the daemon's engine is closed");
        }
        if (engine == null) {
            engine = new CreactEngine(projectRoot, entry);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
