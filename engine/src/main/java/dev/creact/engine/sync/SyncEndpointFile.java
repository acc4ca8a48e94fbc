package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code .creact/sync.json}: where a running server listens and its token, for the project's own tools
 * (the dashboard's dev server, scripts). Created with mode 0600 (never readable by others, not even for an
 * instant: the file is made private before the token is written, then renamed into place).
 * <pre>{"formatVersion":1,"url":"http://127.0.0.1:4790","ws":"ws://127.0.0.1:4790/v1/ws",
 *  "host":"127.0.0.1","port":4790,"token":"…","pid":1234,"startedAt":"…"}</pre>
 */
public final class SyncEndpointFile {

    private SyncEndpointFile() {
    }

    public static Path path(Path projectRoot) {
        return projectRoot.resolve(".creact").resolve("sync.json");
    }

    public static Path write(Path projectRoot, StateSyncServer server, String token) {
        Path file = path(projectRoot);
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("formatVersion", 1);
        doc.put("url", server.httpUrl());
        doc.put("ws", server.webSocketUrl());
        doc.put("host", server.host());
        doc.put("port", server.port());
        doc.put("token", token);
        doc.put("pid", ProcessHandle.current().pid());
        doc.put("startedAt", Instant.now().toString());
        try {
            dev.creact.engine.security.PrivateFiles.createDirectories(file.getParent());
            dev.creact.engine.security.PrivateFiles.writeAtomically(file,
                    (Json.writePretty(doc) + "\n").getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The token in the file, when the file exists and only its owner can read or write it. */
    static Optional<String> readPrivateToken(Path projectRoot) {
        Path file = path(projectRoot);
        try {
            if (!Files.isRegularFile(file) || !Files.getPosixFilePermissions(file).equals(dev.creact.engine.security.PrivateFiles.FILE)) {
                return Optional.empty();
            }
            JsonNode doc = Json.mapper().readTree(Files.readString(file));
            return Optional.ofNullable(doc.path("token").asText(null));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
