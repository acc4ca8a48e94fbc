package dev.creact.backend.postgres;

import dev.creact.engine.backend.StackLock;
import dev.creact.engine.backend.StateBackend;
import dev.creact.engine.backend.StateBackendContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

@DisplayName("The postgres backend passes the backend conformance suite (against a real PostgreSQL)")
class PostgresStateBackendContractTest extends StateBackendContract {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    static PostgresServer server;
    private PostgresSettings settings;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.launch();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Each test its own schema: a store nobody else has touched, as the other backends' temp folders are. */
    @BeforeEach
    void freshSchema() {
        settings = PostgresSettings.from(null, Map.of("PGPASSWORD", PostgresServer.PASSWORD), server.jdbcUrl())
                .withSchema("contract_" + SCHEMAS.incrementAndGet());
    }

    @Override
    protected StateBackend newInstance() {
        return new PostgresStateBackend(settings);
    }

    @Override
    protected void tearJournal(StateBackend backend, String stack) {
        ((PostgresStateBackend) backend).appendRawJournal(stack, "{\"deployment\":\"d1\",\"ev");
    }

    @Override
    protected void crash(StackLock lock) {
        ((PostgresLock) lock).abandon();
    }
}
