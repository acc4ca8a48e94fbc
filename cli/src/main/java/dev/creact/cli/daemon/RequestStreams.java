package dev.creact.cli.daemon;

import dev.creact.client.Frames;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/** The streams of one relayed command: output as frames to the client, input from the client's frames. */
final class RequestStreams {
    private RequestStreams() {
    }

    /**
     * Output that becomes frames of one type. Once the client is gone, writes are dropped rather than
     * failing, so the command (cancelled by then) finishes and records what it did.
     */
    static final class FrameOutput extends OutputStream {
        private final OutputStream socket;
        private final byte type;
        private volatile boolean gone;

        FrameOutput(OutputStream socket, byte type) {
            this.socket = socket;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (gone || len == 0) {
                return;
            }
            try {
                Frames.write(socket, type, java.util.Arrays.copyOfRange(b, off, off + len));
            } catch (IOException e) {
                gone = true;
            }
        }
    }

    /** Input fed by the client's stdin frames; ends at its end-of-input frame or when the client goes. */
    static final class FrameInput extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void feed(byte[] chunk) {
            if (chunk.length > 0) {
                chunks.add(chunk);
            }
        }

        void end() {
            chunks.add(END);
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the client's input");
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    chunks.add(END);
                }
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return current.length - position;
        }
    }

    /**
     * What System.out or System.err of the daemon write to: the running command's stream, else the daemon's
     * log. Nearly everything goes through a command's {@code CommandIo}; this catches the rest (a provider that
     * did not close cleanly, a failing listener) so the user still sees it.
     */
    static final class Routed extends OutputStream {
        private final OutputStream fallback;
        private volatile OutputStream target;

        Routed(OutputStream fallback) {
            this.fallback = fallback;
        }

        void route(OutputStream to) {
            target = to;
        }

        private OutputStream out() {
            var t = target;
            return t != null ? t : fallback;
        }

        @Override
        public void write(int b) throws IOException {
            out().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out().flush();
        }
    }
}
