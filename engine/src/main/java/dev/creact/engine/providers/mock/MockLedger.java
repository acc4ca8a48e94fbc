package dev.creact.engine.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The mock provider's memory: a JSON-lines file with one line per provider call, shared by every process
 * that uses the same project. Each line goes out in a single {@code write()} to a file opened for append,
 * so lines from several threads and processes never interleave (Linux appends each such write whole), and
 * a line is in the operating system's hands as soon as the call returns, even if the JVM is killed next.
 * Only a power cut can lose it; {@link #sync()} covers that for tests that need it.
 *
 * <p>Tests read it back with the static helpers to check what really happened, e.g. that a resumed
 * deployment created nothing twice.
 */
public final class MockLedger implements AutoCloseable {
    public enum Op {
        CREATE, READ, UPDATE, DELETE;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Result {
        OK, TRANSIENT, PERMANENT, ABSENT;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One call.
     *
     * @param mockId the generated id, on successful creates only (null otherwise)
     */
    public record Entry(Instant time, long pid, Op op, String id, Result result, String mockId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PID = ProcessHandle.current().pid();

    private final Path file;
    private final FileChannel appender;
    private final FileChannel reader;
    /** How far {@link #readNew()} has consumed the file, always just after a newline. */
    private long readOffset;
    private long linesRead;

    private MockLedger(Path file, FileChannel appender, FileChannel reader) {
        this.file = file;
        this.appender = appender;
        this.reader = reader;
    }

    /** Opens (creating if needed, with its folder) a ledger for appending and following. */
    public static MockLedger open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            dev.creact.engine.security.PrivateFiles.createDirectories(parent);
        }
        FileChannel appender = dev.creact.engine.security.PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            return new MockLedger(file, appender, FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            appender.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Appends one entry for this process, stamped now. */
    public Entry append(Op op, String id, Result result, String mockId) throws IOException {
        return append(op, id, result, mockId, null);
    }

    /**
     * Appends one entry; when {@code follower} is given and nobody else appended since the last
     * {@link #readNew()}, the entry is handed to it and skipped by the next {@code readNew()} instead of
     * being read back and parsed (most of the cost of a call, with 1,000 resources).
     */
    synchronized Entry append(Op op, String id, Result result, String mockId, Consumer<Entry> follower)
            throws IOException {
        Entry entry = new Entry(Instant.now(), PID, op, id, result, mockId);
        ByteBuffer line = ByteBuffer.wrap(toLine(entry));
        int length = line.remaining();
        // One write() for the whole line; a regular file takes all of it, the loop is only for safety.
        while (line.hasRemaining()) {
            appender.write(line);
        }
        if (follower != null && appender.position() == readOffset + length) {
            // The file grew by exactly our line, so it sits right at readOffset: nobody else's is skipped.
            readOffset += length;
            linesRead++;
            follower.accept(entry);
        }
        return entry;
    }

    /** Flushes appended lines to the disk itself, for tests that simulate a power cut rather than a kill. */
    public void sync() throws IOException {
        appender.force(false);
    }

    /**
     * The entries appended since the last call, by this process or any other. A line still being written
     * (no newline yet) waits for the next call.
     */
    synchronized List<Entry> readNew() throws IOException {
        long size = reader.size();
        List<Entry> entries = new ArrayList<>();
        if (size <= readOffset) {
            return entries;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - readOffset, Integer.MAX_VALUE - 16));
        while (buffer.hasRemaining() && reader.read(buffer, readOffset + buffer.position()) > 0) {
            // keep reading until the buffer is full or the file ends
        }
        byte[] bytes = buffer.array();
        int start = 0;
        for (int i = 0; i < buffer.position(); i++) {
            if (bytes[i] == '\n') {
                linesRead++;
                if (i > start) {
                    entries.add(parse(bytes, start, i - start, file, linesRead));
                }
                start = i + 1;
            }
        }
        readOffset += start;
        return entries;
    }

    @Override
    public void close() throws IOException {
        try (appender; reader) {
            // closes both
        }
    }

    /** Every complete entry in the ledger, in order; an absent file is an empty ledger. */
    public static List<Entry> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        long line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                if (i > start) {
                    entries.add(parse(bytes, start, i - start, file, line));
                }
                start = i + 1;
            }
        }
        return entries;
    }

    /** How many times each id was created successfully (more than 1 means it was created twice). */
    public static Map<String, Long> successfulCreates(Path file) throws IOException {
        return MockWorld.of(read(file)).successfulCreates();
    }

    /** The ids that exist now: created or updated successfully after their last successful delete. */
    public static Set<String> existing(Path file) throws IOException {
        return MockWorld.of(read(file)).existing();
    }

    static byte[] toLine(Entry entry) {
        ObjectNode node = JSON.createObjectNode()
                .put("time", entry.time().toString())
                .put("pid", entry.pid())
                .put("op", entry.op().json())
                .put("id", entry.id())
                .put("result", entry.result().json());
        if (entry.mockId() != null) {
            node.put("mockId", entry.mockId());
        }
        try {
            byte[] json = JSON.writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory tree of strings and numbers
        }
    }

    private static Entry parse(byte[] bytes, int offset, int length, Path file, long line) throws IOException {
        try {
            JsonNode node = JSON.readTree(bytes, offset, length);
            String mockId = node.path("mockId").isTextual() ? node.get("mockId").asText() : null;
            return new Entry(Instant.parse(node.get("time").asText()), node.get("pid").asLong(),
                    Op.valueOf(node.get("op").asText().toUpperCase(Locale.ROOT)), node.get("id").asText(),
                    Result.valueOf(node.get("result").asText().toUpperCase(Locale.ROOT)), mockId);
        } catch (IOException | RuntimeException e) {
            throw new IOException("%s line %d is not a mock ledger entry: %s"
                    .formatted(file, line, new String(bytes, offset, Math.min(length, 200), StandardCharsets.UTF_8)), e);
        }
    }
}
