package dev.creact.engine.backend;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion on a file for a short critical section, between threads of this process (a lock per
 * path) and between processes (an advisory lock on the file, released by the kernel if the process dies).
 */
final class FileMutex {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface Section<T> {
        T run() throws IOException;
    }

    private FileMutex() {
    }

    static <T> T withLock(Path file, Section<T> section) throws IOException {
        var local = LOCAL.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try (var channel = dev.creact.engine.security.PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = channel.lock()) {
            return section.run();
        } finally {
            local.unlock();
        }
    }
}
