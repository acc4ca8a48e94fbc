package dev.creact.engine.backend;

import dev.creact.engine.model.LockInfo;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stack locks as files: {@code .creact/stacks/<stack>/lock.json}, created with O_EXCL so only one
 * process can make it. The holder renews its expiry every third of the TTL. A lock is stale when its TTL
 * has passed or, on the same host, its process is gone; a stale lock is taken over. The holder also looks at
 * its lock file every {@link #CHECK_PERIOD} (one small read), so a deploy whose lock was forced away or taken
 * stops starting operations within half a second rather than at its next renewal.
 */
public final class FileLocks {
    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    /** How often a holder checks that its lock file is still its own. */
    static final Duration CHECK_PERIOD = Duration.ofMillis(500);

    private FileLocks() {
    }

    /** This machine's name, as locks and deployment records name their holder. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static Optional<LockInfo> read(Path file) {
        try {
            return Optional.of(Json.read(Files.readString(file), LockInfo.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            // A half-written or damaged lock file: treat as held by nobody we can name, and stale.
            return Optional.of(new LockInfo("damaged", "?", "?", "?", -1, "?", 0, 0));
        }
    }

    static boolean isStale(LockInfo info, long now) {
        if (info.expiresAt() < now) {
            return true;
        }
        return info.host().equals(hostName()) && info.pid() > 0 && ProcessHandle.of(info.pid()).isEmpty();
    }

    static StackLock acquire(Path file, String stack, String command, Duration ttl) {
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            // A .creact/ made before folders were created private: its stack folders hold state and journals.
            dev.creact.engine.security.PrivateFiles.tighten(file.getParent().getParent().getParent(), file.getParent().getParent(), file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the stack folder " + file.getParent() + ": " + IoFailure.reason(e), e);
        }
        long now = System.currentTimeMillis();
        var info = new LockInfo(UUID.randomUUID().toString().substring(0, 8), stack, System.getProperty("user.name", "?"),
                hostName(), ProcessHandle.current().pid(), command, now, now + ttl.toMillis());
        LockInfo replaced = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                dev.creact.engine.security.PrivateFiles.writeNew(file, Json.write(info).getBytes(StandardCharsets.UTF_8));
                return new Held(file, info, ttl, replaced);
            } catch (FileAlreadyExistsException e) {
                var holder = read(file);
                if (holder.isEmpty()) {
                    continue; // released meanwhile
                }
                if (!isStale(holder.get(), System.currentTimeMillis())) {
                    throw new LockHeldException(holder.get(), "stack '" + stack + "' is locked by "
                            + holder.get().describe(System.currentTimeMillis()) + " (lock id " + holder.get().lockId()
                            + "). Wait for it to finish; if that process is gone, run `creact unlock --force "
                            + holder.get().lockId() + "`.");
                }
                try {
                    if (takeOver(file, holder.get())) {
                        replaced = holder.get();
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot take over the stale lock " + file + ": " + IoFailure.reason(ex), ex);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write lock file " + file + ": " + IoFailure.reason(e), e);
            }
        }
        throw new LockHeldException(read(file).orElse(null), "could not take the lock of stack '" + stack
                + "': others keep taking it; try again");
    }

    /**
     * Moves a stale lock aside; if what was moved is not the stale lock we saw, puts it back. Returns whether
     * this call removed the stale lock (another process may have been quicker).
     */
    private static boolean takeOver(Path file, LockInfo stale) throws IOException {
        Path aside = file.resolveSibling("lock.json.stale-" + UUID.randomUUID());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        }
        var moved = read(aside);
        if (moved.isPresent() && !moved.get().lockId().equals(stale.lockId())) {
            try {
                Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException ignored) {
                Files.deleteIfExists(aside);
            }
            return false;
        }
        Files.deleteIfExists(aside);
        return true;
    }

    /** Removes a lock by id, whoever holds it. Returns the removed lock. */
    static LockInfo forceUnlock(Path file, String lockId) {
        var holder = read(file).orElseThrow(() -> new IllegalArgumentException("the stack is not locked"));
        if (!holder.lockId().equals(lockId)) {
            throw new IllegalArgumentException("the stack's lock has id " + holder.lockId() + ", not " + lockId
                    + "; check with `creact info` and pass the current id");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the lock file " + file + ": " + IoFailure.reason(e), e);
        }
        return holder;
    }

    static final class Held implements StackLock {
        private final Path file;
        private final Duration ttl;
        private volatile LockInfo info;
        private volatile boolean lost;
        private final LockInfo replaced;
        private final long renewEvery;
        private volatile long renewedAt = System.currentTimeMillis();
        private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "creact-lock-renewal");
            t.setDaemon(true);
            return t;
        });

        Held(Path file, LockInfo info, Duration ttl, LockInfo replaced) {
            this.file = file;
            this.info = info;
            this.ttl = ttl;
            this.replaced = replaced;
            this.renewEvery = Math.max(50, ttl.toMillis() / 3);
            long check = Math.min(renewEvery, CHECK_PERIOD.toMillis());
            renewer.scheduleAtFixedRate(this::checkAndRenew, check, check, TimeUnit.MILLISECONDS);
        }

        private void checkAndRenew() {
            var current = read(file);
            if (current.isEmpty() || !current.get().lockId().equals(info.lockId())) {
                lost = true; // forced away or taken over: nothing to renew, and no new work may start
                renewer.shutdown();
                return;
            }
            if (System.currentTimeMillis() - renewedAt < renewEvery) {
                return;
            }
            var renewed = new LockInfo(info.lockId(), info.stack(), info.user(), info.host(), info.pid(), info.command(),
                    info.acquiredAt(), System.currentTimeMillis() + ttl.toMillis());
            try {
                FileStateBackend.atomicWrite(file, Json.write(renewed).getBytes(StandardCharsets.UTF_8));
                info = renewed;
                renewedAt = System.currentTimeMillis();
            } catch (IOException ignored) {
                // the next renewal tries again
            }
        }

        @Override
        public LockInfo info() {
            return info;
        }

        @Override
        public boolean held() {
            return !lost;
        }

        @Override
        public Optional<LockInfo> tookOver() {
            return Optional.ofNullable(replaced);
        }

        /** Stops renewing without letting go, as a holder that died would (for the conformance suite). */
        void abandon() {
            renewer.shutdownNow();
        }

        @Override
        public void close() {
            renewer.shutdownNow();
            var current = read(file);
            if (current.isPresent() && current.get().lockId().equals(info.lockId())) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a lock that cannot be removed lapses with its TTL
                }
            }
        }
    }
}
