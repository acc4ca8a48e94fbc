package dev.creact.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** One connection to a daemon, after its hello was accepted. */
public final class DaemonConnection implements AutoCloseable {
    public final SocketChannel channel;
    public final DataInputStream in;
    public final OutputStream out;
    /** The daemon's process id, from its answer to the hello. */
    public final long pid;

    private DaemonConnection(SocketChannel channel, long pid) throws IOException {
        this.channel = channel;
        this.in = new DataInputStream(new java.io.BufferedInputStream(SocketStreams.in(channel), 16384));
        this.out = SocketStreams.out(channel);
        this.pid = pid;
    }

    /** Raised when a daemon answered but would not serve: busy, another version or key, a bad token. */
    public static final class Refused extends IOException {
        public final Frames.Refusal refusal;

        Refused(Frames.Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }
    }

    /**
     * Connects to the daemon of {@code key} and says hello. Throws {@link java.net.ConnectException} or
     * {@link java.nio.file.NoSuchFileException} when no daemon listens there (none, or a stale socket file).
     */
    public static DaemonConnection open(DaemonDirectory dir, DaemonKey key, Frames.Purpose purpose) throws IOException {
        Path socket = dir.socket(key);
        var channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            // The daemon writes its token (first line; its full key is the second) before it binds: a socket
            // that answers has one.
            String token = Files.readAllLines(dir.token(key)).getFirst().strip();
            var streams = new DataInputStream(SocketStreams.in(channel));
            Frames.write(SocketStreams.out(channel), Frames.HELLO, Frames.hello(purpose, key.value(), token));
            var answer = Frames.read(streams);
            if (answer == null) {
                throw new java.net.ConnectException("the daemon closed the connection");
            }
            if (answer.type() == Frames.REFUSED) {
                var data = answer.data();
                var refusal = Frames.Refusal.valueOf(Frames.readString(data));
                throw new Refused(refusal, Frames.readString(data));
            }
            if (answer.type() != Frames.ACCEPTED) {
                throw new IOException("unexpected daemon answer " + answer.type());
            }
            return new DaemonConnection(channel, answer.data().readLong());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
