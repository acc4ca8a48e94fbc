package dev.creact.engine.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The last non-empty line of a {@code *.jsonl} log, read backwards from the end of the file in blocks, so an
 * append that chains onto the last entry costs the same on the ten-thousandth command as on the first. It
 * agrees with {@link java.nio.file.Files#readAllLines} minus its empty lines, as
 * {@link FileStateBackend#readLog} reads: {@code \n}, {@code \r} and {@code \r\n} end a line, and a last
 * line without its newline (an append cut short) still counts. Searching bytes for the line ends is safe in
 * UTF-8, where neither byte occurs inside a multi-byte character.
 */
final class LogTail {
    private static final int BLOCK = 8192;

    private LogTail() {
    }

    static Optional<String> lastLine(FileChannel ch) throws IOException {
        long end = ch.size();
        // Trailing line ends (and empty lines) first: the last line ends where the last other byte is.
        ByteArrayOutputStream reversed = new ByteArrayOutputStream();
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        boolean inLine = false;
        long position = end;
        while (position > 0) {
            int size = (int) Math.min(BLOCK, position);
            position -= size;
            block.clear().limit(size);
            while (block.hasRemaining()) {
                if (ch.read(block, position + block.position()) < 0) {
                    throw new IOException("the log was cut short while being read");
                }
            }
            for (int i = size - 1; i >= 0; i--) {
                byte b = block.get(i);
                boolean lineEnd = b == '\n' || b == '\r';
                if (!inLine) {
                    if (!lineEnd) {
                        inLine = true;
                        reversed.write(b);
                    }
                } else if (lineEnd) {
                    return Optional.of(decodeReversed(reversed.toByteArray()));
                } else {
                    reversed.write(b);
                }
            }
        }
        return inLine ? Optional.of(decodeReversed(reversed.toByteArray())) : Optional.empty();
    }

    private static String decodeReversed(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
