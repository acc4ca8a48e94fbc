package dev.creact.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon protocol: length-prefixed frames on a Unix socket, {@code type (1 byte), length (4 bytes), payload}.
 * A connection starts with the client's {@link #HELLO}; the daemon answers {@link #ACCEPTED} or {@link #REFUSED}.
 * For a command the client then sends {@link #REQUEST} and streams {@link #STDIN} (ended by {@link #STDIN_EOF});
 * {@link #CANCEL} when the user presses Ctrl-C. The daemon streams {@link #STDOUT} and {@link #STDERR} and ends
 * with {@link #EXIT}. Closing the socket from the client's side cancels the command.
 */
public final class Frames {
    /** Bumped on any change of the frames below; a daemon speaking another version refuses the client. */
    public static final int PROTOCOL_VERSION = 1;

    public static final byte HELLO = 1;
    public static final byte ACCEPTED = 2;
    public static final byte REFUSED = 3;
    public static final byte REQUEST = 4;
    public static final byte STDIN = 5;
    public static final byte STDIN_EOF = 6;
    public static final byte CANCEL = 7;
    public static final byte STDOUT = 8;
    public static final byte STDERR = 9;
    public static final byte EXIT = 10;
    public static final byte STATUS = 11;

    /** What a client asks for in its {@link #HELLO}. */
    public enum Purpose { RUN, STATUS, STOP }

    /** Why a daemon refused a connection (the reason travels as its name). */
    public enum Refusal { BUSY, MISMATCH, FORBIDDEN }

    private static final int MAX_FRAME = 16 << 20;

    private Frames() {
    }

    /** One frame as read. */
    public record Frame(byte type, byte[] payload) {
        public DataInputStream data() {
            return new DataInputStream(new java.io.ByteArrayInputStream(payload));
        }
    }

    /** Writes one frame; callers that share a stream between threads hold its lock. */
    public static void write(OutputStream out, byte type, byte[] payload) throws IOException {
        synchronized (out) {
            var header = new byte[5];
            header[0] = type;
            int n = payload.length;
            header[1] = (byte) (n >>> 24);
            header[2] = (byte) (n >>> 16);
            header[3] = (byte) (n >>> 8);
            header[4] = (byte) n;
            out.write(header);
            out.write(payload);
            out.flush();
        }
    }

    /** Reads one frame, or null at the end of the stream. */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int n;
        try {
            n = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (n < 0 || n > MAX_FRAME) {
            throw new IOException("a daemon frame of " + n + " bytes");
        }
        var payload = new byte[n];
        in.readFully(payload);
        return new Frame((byte) type, payload);
    }

    /** A payload built with a {@link DataOutputStream}. */
    public static byte[] payload(IoConsumer<DataOutputStream> body) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var data = new DataOutputStream(bytes)) {
            body.accept(data);
        }
        return bytes.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (var s : strings) {
            writeString(out, s);
        }
    }

    public static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        var strings = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            strings.add(readString(in));
        }
        return strings;
    }

    /** A string of any length (writeUTF stops at 64 KiB, and an argument may be longer). */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        var bytes = utf8(s);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        var bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The hello every connection starts with. */
    public static byte[] hello(Purpose purpose, String key, String token) throws IOException {
        return payload(out -> {
            out.writeInt(PROTOCOL_VERSION);
            writeString(out, purpose.name());
            writeString(out, key);
            writeString(out, token);
        });
    }

    /** Copies the stream's bytes into frames of {@code type} until it ends. */
    public static void pump(InputStream in, OutputStream out, byte type) throws IOException {
        var buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                write(out, type, java.util.Arrays.copyOf(buffer, n));
            }
        }
    }

    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
