package dev.creact.engine.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The file backend's deployment journal ({@code journal.jsonl}): one JSON line per entry, appended with a single write each, so a line is in
 * the file as soon as {@link #append} returns, whatever happens to this process afterwards. The intent
 * of an operation is appended before the provider is called and its result after; recovery reads both.
 * The file is also fsynced every 100 ms and on close, against power loss.
 */
final class FileJournal implements Journal {
    private final Path file;
    private final FileChannel channel;
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "creact-journal-sync");
        t.setDaemon(true);
        return t;
    });

    FileJournal(Path file) {
        this.file = file;
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            this.channel = dev.creact.engine.security.PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the deployment journal " + file + ": " + IoFailure.reason(e), e);
        }
        syncer.scheduleWithFixedDelay(this::sync, 100, 100, TimeUnit.MILLISECONDS);
    }

    public Path file() {
        return file;
    }

    @Override
    public void append(ObjectNode entry) {
        byte[] line = (Json.write(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (channel) {
                var buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the deployment journal " + file + ": " + IoFailure.reason(e), e);
        }
    }

    @Override
    public void sync() {
        try {
            channel.force(false);
        } catch (IOException ignored) {
            // closed, or a file system that cannot sync: the writes themselves are done
        }
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        sync();
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    /** Every well-formed line; a torn last line (the process died mid-write) is skipped. */
    static List<JsonNode> read(Path file) {
        var out = new ArrayList<JsonNode>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.mapper().readTree(line));
                } catch (IOException e) {
                    // torn write
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deployment journal " + file + ": " + IoFailure.reason(e), e);
        }
        return out;
    }
}
