package dev.creact.engine.backend;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

@DisplayName("The memory backend passes the backend conformance suite")
class MemoryStateBackendContractTest extends StateBackendContract {
    private MemoryStateBackend.Store store;

    @BeforeEach
    void freshStore() {
        store = new MemoryStateBackend.Store();
    }

    @Override
    protected StateBackend newInstance() {
        return new MemoryStateBackend(store);
    }

    @Override
    protected void tearJournal(StateBackend backend, String stack) {
        ((MemoryStateBackend) backend).appendRaw(stack, "{\"deployment\":\"d1\",\"ev");
    }

    @Override
    protected void crash(StackLock lock) {
        ((MemoryStateBackend.Held) lock).abandon();
    }
}
