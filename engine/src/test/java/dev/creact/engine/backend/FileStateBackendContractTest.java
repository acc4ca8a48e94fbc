package dev.creact.engine.backend;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

@DisplayName("The file backend passes the backend conformance suite")
class FileStateBackendContractTest extends StateBackendContract {
    @TempDir
    Path project;

    @Override
    protected StateBackend newInstance() {
        return new FileStateBackend(project);
    }

    @Override
    protected void tearJournal(StateBackend backend, String stack) {
        try {
            Files.writeString(((FileStateBackend) backend).journalFile(stack), "{\"deployment\":\"d1\",\"ev",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void crash(StackLock lock) {
        ((FileLocks.Held) lock).abandon();
    }
}
