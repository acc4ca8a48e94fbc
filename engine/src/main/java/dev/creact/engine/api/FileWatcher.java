package dev.creact.engine.api;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a set of files (the entry, the modules it imports, the configuration) for changes, with the
 * platform's file notifications (inotify on Linux). The set is replaced after each build, so it follows
 * the imports as they change. Directories are watched rather than files, so a file that an editor saves
 * by writing a new file and renaming it over the old one is seen, and so is a file not created yet.
 */
public final class FileWatcher implements AutoCloseable {
    /** How often a wait checks whether it should stop. */
    private static final long STOP_CHECK_MILLIS = 100;

    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private volatile Set<Path> files = Set.of();

    public FileWatcher() throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
    }

    /** Watches exactly these files (absolute paths) from now on. */
    public synchronized void watch(Collection<Path> paths) throws IOException {
        var wanted = new HashSet<Path>();
        var dirs = new HashSet<Path>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            wanted.add(abs);
            if (abs.getParent() != null) {
                dirs.add(abs.getParent());
            }
        }
        for (var it = keys.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!dirs.contains(e.getKey())) {
                e.getValue().cancel();
                it.remove();
            }
        }
        for (Path dir : dirs) {
            if (!keys.containsKey(dir) && java.nio.file.Files.isDirectory(dir)) {
                keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
            }
        }
        files = Set.copyOf(wanted);
    }

    /** The files watched, sorted. */
    public Set<Path> watched() {
        return new TreeSet<>(files);
    }

    /**
     * Blocks until a watched file changes, then until no further change arrives for {@code quiet} (an
     * editor's save, or a tool writing several files, comes as one batch). Returns the changed files, or
     * an empty set when {@code stop} turned true first.
     */
    public Set<Path> awaitChange(Duration quiet, BooleanSupplier stop) throws InterruptedException {
        var changed = new TreeSet<Path>();
        try {
            while (changed.isEmpty()) {
                if (stop.getAsBoolean()) {
                    return Set.of();
                }
                collect(service.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS), changed);
            }
            while (true) {
                WatchKey key = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                if (key == null || stop.getAsBoolean()) {
                    return changed;
                }
                collect(key, changed);
            }
        } catch (ClosedWatchServiceException e) {
            return Set.of();
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        if (key == null) {
            return;
        }
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Events were lost: assume everything watched in that folder changed.
                files.stream().filter(f -> dir.equals(f.getParent())).forEach(changed::add);
                continue;
            }
            Path file = dir.resolve((Path) event.context()).normalize();
            if (files.contains(file)) {
                changed.add(file);
            }
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
