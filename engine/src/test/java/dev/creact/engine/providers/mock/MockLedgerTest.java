package dev.creact.engine.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.providers.mock.MockLedger.Op;
import dev.creact.engine.providers.mock.MockLedger.Result;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.creact.engine.providers.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The mock ledger is one well-formed JSON line per call")
class MockLedgerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path root;

    Path ledger() {
        return root.resolve(".creact/mock-ledger.jsonl");
    }

    @Test
    @DisplayName("each line is a JSON object with time, pid, op, id and result")
    void linesParse() throws Exception {
        Instant before = Instant.now();
        try (MockProvider mock = new MockProvider(ledger())) {
            mock.create(create(root, "app.a", "mock:Resource", "{'failTimes':1}"));
        } catch (ProviderException expected) {
            // the first call fails transiently, and is recorded too
        }
        try (MockProvider mock = new MockProvider(ledger())) {
            mock.create(create(root, "app.a", "mock:Resource", "{'failTimes':1}"));
            mock.read(create(root, "app.a", "mock:Resource", "{}"));
            mock.delete(create(root, "app.a", "mock:Resource", "{}"));
            mock.delete(create(root, "app.a", "mock:Resource", "{}"));
            mock.sync();
        }
        List<String> lines = Files.readAllLines(ledger());
        assertEquals(5, lines.size());
        List<String> ops = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertEquals(Set.of("time", "pid", "op", "id", "result"), fieldsWithout(node, "mockId"), line);
            assertTrue(!Instant.parse(node.get("time").asText()).isBefore(before.minusSeconds(1)), line);
            assertEquals(ProcessHandle.current().pid(), node.get("pid").asLong());
            assertEquals("app.a", node.get("id").asText());
            ops.add(node.get("op").asText());
            results.add(node.get("result").asText());
        }
        assertEquals(List.of("create", "create", "read", "delete", "delete"), ops);
        assertEquals(List.of("transient", "ok", "ok", "ok", "absent"), results);
        assertTrue(JSON.readTree(lines.get(1)).get("mockId").asText().startsWith("mock-"));
        assertEquals(lines.size(), MockLedger.read(ledger()).size());
    }

    static Set<String> fieldsWithout(JsonNode node, String optional) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        names.remove(optional);
        return names;
    }

    @Test
    @DisplayName("existing() and successfulCreates() follow creates and deletes")
    void worldHelpers() throws Exception {
        assertEquals(List.of(), MockLedger.read(ledger()), "no ledger yet is an empty one");
        try (MockProvider mock = new MockProvider(ledger())) {
            mock.create(create(root, "a", "mock:Resource", "{}"));
            mock.create(create(root, "b", "mock:Resource", "{}"));
            mock.create(create(root, "c", "mock:Resource", "{'failPermanently':true}"));
        } catch (ProviderException expected) {
            // c never exists
        }
        assertEquals(Set.of("a", "b"), MockLedger.existing(ledger()));
        try (MockProvider mock = new MockProvider(ledger())) {
            mock.delete(create(root, "a", "mock:Resource", "{}"));
            assertEquals(Set.of("b"), MockLedger.existing(ledger()));
            mock.create(create(root, "a", "mock:Resource", "{}"));
            mock.delete(create(root, "b", "mock:Resource", "{}"));
        }
        assertEquals(Set.of("a"), MockLedger.existing(ledger()));
        assertEquals(Map.of("a", 2L, "b", 1L), MockLedger.successfulCreates(ledger()));
    }

    @Test
    @DisplayName("8 threads on two instances (two file descriptors) leave exactly one whole line per call")
    void concurrent() throws Exception {
        int threads = 8;
        int perThread = 300;
        try (MockProvider one = new MockProvider(ledger()); MockProvider two = new MockProvider(ledger());
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MockProvider mock = t % 2 == 0 ? one : two;
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + thread + ".r" + i;
                        mock.create(create(root, id, "mock:Resource", "{'payload':'" + "x".repeat(i % 50) + "'}"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        byte[] bytes = Files.readAllBytes(ledger());
        assertEquals('\n', bytes[bytes.length - 1]);
        List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
        assertEquals(threads * perThread, lines.size());
        Map<String, Integer> perId = new HashMap<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertEquals("create", node.get("op").asText(), line);
            assertEquals("ok", node.get("result").asText(), line);
            perId.merge(node.get("id").asText(), 1, Integer::sum);
        }
        assertEquals(threads * perThread, perId.size());
        assertEquals(threads * perThread, MockLedger.existing(ledger()).size());
    }

    @Test
    @DisplayName("a line still being written is left for later; a broken line is an error that names it")
    void partialAndBrokenLines() throws Exception {
        Files.createDirectories(ledger().getParent());
        try (MockLedger ledger = MockLedger.open(ledger())) {
            ledger.append(Op.CREATE, "a", Result.OK, "mock-1");
            byte[] next = MockLedger.toLine(new MockLedger.Entry(Instant.now(), 1, Op.DELETE, "a", Result.OK, null));
            Files.write(ledger(), java.util.Arrays.copyOf(next, 20), StandardOpenOption.APPEND);
            assertEquals(1, ledger.readNew().size());
            Files.write(ledger(), java.util.Arrays.copyOfRange(next, 20, next.length), StandardOpenOption.APPEND);
            var later = ledger.readNew();
            assertEquals(1, later.size());
            assertEquals(Op.DELETE, later.getFirst().op());
        }
        Files.writeString(ledger(), "not json\n", StandardOpenOption.APPEND);
        var e = assertThrows(IOException.class, () -> MockLedger.read(ledger()));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }
}
