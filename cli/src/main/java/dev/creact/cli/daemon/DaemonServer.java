package dev.creact.cli.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.cli.CommandIo;
import dev.creact.cli.Main;
import dev.creact.cli.SharedEngine;
import dev.creact.client.DaemonDirectory;
import dev.creact.client.DaemonKey;
import dev.creact.client.Frames;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Json;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's socket: accepts clients of its own user that know its token, runs one command at a time
 * through {@link Main#run(String[], CommandIo)} (the same picocli commands as in-process), and stops after
 * its idle time, on {@code creact daemon stop}, or when its socket file is removed or replaced.
 */
final class DaemonServer {
    /** The stack the commands' thread gets: rendering is recursive, as bin/creact's -Xss16m says. */
    private static final long COMMAND_STACK = 16L << 20;

    private final DaemonDirectory dir;
    private final DaemonKey key;
    private final Duration idle;
    private final RequestStreams.Routed systemOut;
    private final RequestStreams.Routed systemErr;
    private final String token = HexFormat.of().formatHex(random());
    private final PrintStream log;
    private final Instant started = Instant.now();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final AtomicReference<CancellationToken> running = new AtomicReference<>();
    /** The engine every command of this daemon borrows: its GraalJS engine's parsed, specialised code stays warm. */
    private final SharedEngine engine = new SharedEngine();
    private volatile Instant lastUsed;
    private volatile boolean stopping;
    /** The build this daemon runs; a rebuilt jar makes it stop (its clients now have another key). */
    private final String build = DaemonKey.buildIdentity(System.getProperty("java.class.path"));
    private ServerSocketChannel server;
    private Object socketFileKey;

    DaemonServer(DaemonDirectory dir, DaemonKey key, Duration idle, RequestStreams.Routed systemOut,
                 RequestStreams.Routed systemErr, PrintStream log) {
        this.log = log;
        this.dir = dir;
        this.key = key;
        this.idle = idle;
        this.systemOut = systemOut;
        this.systemErr = systemErr;
    }

    private static byte[] random() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Binds, serves until told to stop or idle, and removes its files. */
    void serve() throws IOException, InterruptedException {
        dir.ensure();
        Path socket = dir.socket(key);
        DaemonDirectory.writePrivate(dir.token(key), token + "\n" + key.value() + "\n");
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        socketFileKey = fileKey(socket);
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeFiles, "creact-daemon-cleanup"));
        log("daemon " + ProcessHandle.current().pid() + " serving " + socket + " for " + System.getProperty("user.dir")
                + " (idle timeout " + idle + ")");
        var watchdog = Thread.ofPlatform().daemon().name("creact-daemon-idle").start(this::watch);
        try {
            while (!stopping) {
                SocketChannel client;
                try {
                    client = server.accept();
                } catch (ClosedChannelException closed) {
                    break;
                }
                Thread.ofPlatform().name("creact-daemon-client").stackSize(COMMAND_STACK).daemon()
                        .start(() -> handle(client));
            }
        } finally {
            stopping = true;
            watchdog.interrupt();
            // A command still running (stop while busy) was cancelled: let it record what it did.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (busy.get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            removeFiles();
            if (!busy.get()) {
                engine.close();
            }
            log("daemon stopped");
        }
    }

    /**
     * Stops after the idle time without a command, when the socket file is no longer ours, or when the build
     * it runs was replaced (no client can reach it any more: their key names the new build).
     */
    private void watch() {
        long tick = Math.max(50, Math.min(idle.toMillis() / 4, 10_000));
        while (!stopping) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            boolean idleTooLong = !busy.get() && System.nanoTime() - lastActivity.get() > idle.toNanos();
            boolean replaced = !Objects.equals(fileKey(dir.socket(key)), socketFileKey);
            boolean rebuilt = !busy.get() && !build.equals(DaemonKey.buildIdentity(System.getProperty("java.class.path")));
            if (idleTooLong || replaced || rebuilt) {
                log(idleTooLong ? "idle for " + idle + ": stopping"
                        : replaced ? "socket removed or replaced: stopping" : "creact was rebuilt: stopping");
                stop();
            }
        }
    }

    private void stop() {
        stopping = true;
        var command = running.get();
        if (command != null) {
            command.cancel();
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void handle(SocketChannel channel) {
        try (channel) {
            var in = new DataInputStream(new java.io.BufferedInputStream(dev.creact.client.SocketStreams.in(channel), 16384));
            OutputStream out = dev.creact.client.SocketStreams.out(channel);
            if (!sameUser(channel)) {
                refuse(out, Frames.Refusal.FORBIDDEN, "another user");
                return;
            }
            var hello = Frames.read(in);
            if (hello == null || hello.type() != Frames.HELLO) {
                return;
            }
            var data = hello.data();
            int version = data.readInt();
            var purpose = Frames.Purpose.valueOf(Frames.readString(data));
            String theirKey = Frames.readString(data);
            String theirToken = Frames.readString(data);
            if (!MessageDigest.isEqual(theirToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                refuse(out, Frames.Refusal.FORBIDDEN, "wrong token");
                return;
            }
            if (version != Frames.PROTOCOL_VERSION || !theirKey.equals(key.value())) {
                refuse(out, Frames.Refusal.MISMATCH, "this daemon speaks protocol " + Frames.PROTOCOL_VERSION
                        + " for key " + key.name());
                return;
            }
            switch (purpose) {
                case STATUS -> {
                    accept(out);
                    Frames.write(out, Frames.STATUS, Frames.utf8(Json.write(status())));
                }
                case STOP -> {
                    accept(out);
                    log("stop requested");
                    stop();
                    Frames.write(out, Frames.EXIT, Frames.payload(d -> d.writeInt(0)));
                }
                case RUN -> {
                    if (stopping || !busy.compareAndSet(false, true)) {
                        refuse(out, Frames.Refusal.BUSY, "another command is running in this daemon");
                        return;
                    }
                    try {
                        accept(out);
                        run(in, out);
                    } finally {
                        lastUsed = Instant.now();
                        lastActivity.set(System.nanoTime());
                        busy.set(false);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log("a client connection failed: " + e);
        }
    }

    private void run(DataInputStream in, OutputStream socket) throws IOException {
        var request = Frames.read(in);
        if (request == null || request.type() != Frames.REQUEST) {
            return;
        }
        var data = request.data();
        String cwd = Frames.readString(data);
        var args = Frames.readStrings(data);
        boolean interactive = data.readBoolean();
        if (!Path.of(cwd).equals(Path.of(System.getProperty("user.dir")))) {
            // The key holds the folder, so this is a bug or a race with a moved folder; never run elsewhere.
            write(socket, Frames.STDERR, "creact: this daemon serves " + System.getProperty("user.dir") + ", not " + cwd + "\n");
            Frames.write(socket, Frames.EXIT, Frames.payload(d -> d.writeInt(Main.EXIT_ERROR)));
            return;
        }
        var cancel = new CancellationToken();
        running.set(cancel);
        var stdin = new RequestStreams.FrameInput();
        var readFrames = Thread.ofPlatform().daemon().name("creact-daemon-input").start(() -> {
            try {
                while (true) {
                    var frame = Frames.read(in);
                    if (frame == null) {
                        break;
                    }
                    switch (frame.type()) {
                        case Frames.STDIN -> stdin.feed(frame.payload());
                        case Frames.STDIN_EOF -> stdin.end();
                        case Frames.CANCEL -> {
                            stdin.end();
                            cancel.cancel();
                        }
                        default -> { }
                    }
                }
            } catch (IOException gone) {
                // as a closed socket
            }
            // The client is gone (closed, killed): nobody reads the output any more, so stop the command.
            stdin.end();
            cancel.cancel();
        });
        var out = new PrintStream(new BufferedOutputStream(new RequestStreams.FrameOutput(socket, Frames.STDOUT), 8192),
                true, StandardCharsets.UTF_8);
        var err = new PrintStream(new BufferedOutputStream(new RequestStreams.FrameOutput(socket, Frames.STDERR), 8192),
                true, StandardCharsets.UTF_8);
        int code;
        systemOut.route(out);
        systemErr.route(err);
        served.incrementAndGet();
        try {
            code = Main.run(args.toArray(String[]::new), new CommandIo(stdin, out, err, interactive, cancel, engine));
        } catch (Throwable t) {
            err.println("creact: the command failed in the daemon: " + t);
            code = Main.EXIT_ERROR;
        } finally {
            systemOut.route(null);
            systemErr.route(null);
            running.set(null);
            out.flush();
            err.flush();
        }
        int exit = code;
        try {
            Frames.write(socket, Frames.EXIT, Frames.payload(d -> d.writeInt(exit)));
        } catch (IOException gone) {
            // the client left before the end
        }
        readFrames.interrupt();
    }

    private ObjectNode status() {
        var node = Json.mapper().createObjectNode();
        node.put("pid", ProcessHandle.current().pid());
        node.put("socket", dir.socket(key).toString());
        node.put("cwd", System.getProperty("user.dir"));
        node.put("key", key.name());
        node.put("protocol", Frames.PROTOCOL_VERSION);
        node.put("startedAt", started.toString());
        node.put("lastUsedAt", lastUsed == null ? null : lastUsed.toString());
        node.put("commandsServed", served.get());
        node.put("busy", busy.get());
        node.put("idleTimeoutSeconds", idle.toSeconds());
        node.put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        return node;
    }

    /** The peer's uid is ours (SO_PEERCRED); where the platform cannot tell, the token and the 0700 folder must do. */
    private boolean sameUser(SocketChannel channel) {
        try {
            var peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().equals(Files.getOwner(dir.path()));
        } catch (UnsupportedOperationException | IOException unknown) {
            return true;
        }
    }

    private static void accept(OutputStream out) throws IOException {
        Frames.write(out, Frames.ACCEPTED, Frames.payload(d -> d.writeLong(ProcessHandle.current().pid())));
    }

    private static void refuse(OutputStream out, Frames.Refusal refusal, String why) throws IOException {
        Frames.write(out, Frames.REFUSED, Frames.payload(d -> {
            Frames.writeString(d, refusal.name());
            Frames.writeString(d, why);
        }));
    }

    private static void write(OutputStream socket, byte type, String text) throws IOException {
        Frames.write(socket, type, Frames.utf8(text));
    }

    /** Removes the socket and token, unless a newer daemon has replaced them already. */
    private synchronized void removeFiles() {
        Path socket = dir.socket(key);
        if (socketFileKey != null && Objects.equals(fileKey(socket), socketFileKey)) {
            try {
                Files.deleteIfExists(socket);
                Files.deleteIfExists(dir.token(key));
            } catch (IOException ignored) {
                // a stale socket is recovered by the next client
            }
        }
    }

    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException missing) {
            return null;
        }
    }

    private void log(String message) {
        log.println(Instant.now() + " " + message);
    }
}
