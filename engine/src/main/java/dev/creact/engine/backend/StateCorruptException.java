package dev.creact.engine.backend;

import java.nio.file.Path;

/**
 * A state file that cannot be trusted: truncated, not JSON, its checksum does not match (edited by
 * hand), or written by a newer creact. creact neither reads nor overwrites it; the message says which
 * file, what is wrong and how to recover.
 */
public final class StateCorruptException extends RuntimeException {
    private final Path file;

    public StateCorruptException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
