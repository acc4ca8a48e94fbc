package dev.creact.engine.providers.mock;

import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import dev.creact.engine.providers.mock.MockLedger.Entry;
import dev.creact.engine.providers.mock.MockLedger.Op;
import dev.creact.engine.providers.mock.MockLedger.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.creact.engine.providers.Requests.after;
import static dev.creact.engine.providers.Requests.create;
import static dev.creact.engine.providers.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("The mock provider keeps its world in a ledger")
class MockProviderTest {
    static final String TYPE = "mock:Resource";
    @TempDir
    Path root;
    final List<MockProvider> opened = new ArrayList<>();

    MockProvider mock() {
        MockProvider p = MockProvider.forProject(root);
        opened.add(p);
        return p;
    }

    Path ledger() {
        return root.resolve(MockProvider.PROJECT_LEDGER);
    }

    ResourceRequest res(String id, String props) {
        return create(root, id, TYPE, props);
    }

    @AfterEach
    void close() throws Exception {
        for (MockProvider p : opened) {
            p.close();
        }
    }

    List<Result> results(String id, Op op) throws Exception {
        return MockLedger.read(ledger()).stream().filter(e -> e.id().equals(id) && e.op() == op).map(Entry::result).toList();
    }

    @Test
    @DisplayName("outputs echo the props, without the control props, plus a stable id")
    void echo() throws Exception {
        MockProvider mock = mock();
        String props = "{'name':'web','size':3,'tags':{'env':'dev'},'latencyMs':0,'failTimes':0,'failPermanently':false}";
        ResourceResult r = mock.create(res("app.web", props));
        String id = r.outputs().get("id").asText();
        assertTrue(id.matches("mock-[0-9a-f]{8}-1"), id);
        assertEquals(json("{'name':'web','size':3,'tags':{'env':'dev'},'id':'" + id + "'}"), r.outputs());
        assertEquals(id, r.providerData().get("id").asText());

        ResourceResult updated = mock.update(after(r, root, "app.web", TYPE, "{'name':'web','size':4}"));
        assertEquals(json("{'name':'web','size':4,'id':'" + id + "'}"), updated.outputs());
        assertEquals(id, mock.read(after(updated, root, "app.web", TYPE, "{'name':'web','size':4}"))
                .orElseThrow().outputs().get("id").asText());
        assertNotEquals(id, mock.create(res("app.db", "{}")).outputs().get("id").asText());
    }

    @Test
    @DisplayName("read reflects creates and deletes, its own and another instance's; a new create counts up")
    void readReflectsDeletes() throws Exception {
        MockProvider one = mock();
        MockProvider two = mock();
        ResourceResult r = one.create(res("app.web", "{'a':1}"));
        assertTrue(two.read(res("app.web", "{'a':1}")).isPresent(), "the other instance sees the create");
        two.delete(after(r, root, "app.web", TYPE, "{'a':1}"));
        assertTrue(one.read(after(r, root, "app.web", TYPE, "{'a':1}")).isEmpty(), "and this one sees the delete");
        one.delete(after(r, root, "app.web", TYPE, "{'a':1}")); // deleting what is gone is fine
        assertEquals(List.of(Result.OK, Result.ABSENT), results("app.web", Op.DELETE));
        assertEquals(List.of(Result.OK, Result.ABSENT), results("app.web", Op.READ));

        var e = assertThrows(ProviderException.class, () -> one.update(after(r, root, "app.web", TYPE, "{'a':2}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        String again = one.create(res("app.web", "{'a':1}")).outputs().get("id").asText();
        assertTrue(again.endsWith("-2"), again);
        assertEquals(again, mock().read(res("app.web", "{}")).orElseThrow().outputs().get("id").asText(),
                "a fresh instance knows the id from the ledger, even without provider data");
    }

    @Test
    @DisplayName("failTimes=2 fails the first two calls transiently, then succeeds")
    void failTimes() throws Exception {
        MockProvider mock = mock();
        var request = res("app.flaky", "{'failTimes':2,'x':1}");
        for (int attempt = 1; attempt <= 2; attempt++) {
            var e = assertThrows(ProviderException.class, () -> mock.create(request));
            assertTrue(e.isTransient());
            assertTrue(e.getMessage().contains(attempt + " of failTimes 2"), e.getMessage());
        }
        ResourceResult r = mock.create(request);
        assertEquals(1, r.outputs().get("x").asInt());
        assertEquals(List.of(Result.TRANSIENT, Result.TRANSIENT, Result.OK), results("app.flaky", Op.CREATE));
        mock.update(after(r, root, "app.flaky", TYPE, "{'failTimes':2,'x':2}"));
        mock.delete(after(r, root, "app.flaky", TYPE, "{'failTimes':2,'x':2}"));
        assertEquals(Set.of(), MockLedger.existing(ledger()));
    }

    @Test
    @DisplayName("failTimes counts across instances on the same ledger, as across processes")
    void failTimesAcrossProcesses() throws Exception {
        var request = res("app.flaky", "{'failTimes':2}");
        MockProvider first = mock();
        assertTrue(assertThrows(ProviderException.class, () -> first.create(request)).isTransient());
        first.close(); // the first process dies

        MockProvider second = mock();
        MockProvider third = mock(); // both alive at once
        assertTrue(assertThrows(ProviderException.class, () -> second.create(request)).isTransient());
        third.create(request); // third sees second's failure, made after it was opened
        assertEquals(Map.of("app.flaky", 1L), MockLedger.successfulCreates(ledger()));
    }

    @Test
    @DisplayName("failPermanently fails every create and update permanently; delete still works")
    void failPermanently() throws Exception {
        MockProvider mock = mock();
        var e = assertThrows(ProviderException.class, () -> mock.create(res("app.bad", "{'failPermanently':true}")));
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("app.bad"), e.getMessage());
        assertThrows(ProviderException.class, () -> mock.create(res("app.bad", "{'failPermanently':true}")));
        assertEquals(List.of(Result.PERMANENT, Result.PERMANENT), results("app.bad", Op.CREATE));

        ResourceResult ok = mock.create(res("app.bad", "{}"));
        var update = after(ok, root, "app.bad", TYPE, "{'failPermanently':true}");
        assertFalse(assertThrows(ProviderException.class, () -> mock.update(update)).isTransient());
        mock.delete(update);
        assertEquals(List.of(Result.OK), results("app.bad", Op.DELETE));
        assertTrue(MockLedger.existing(ledger()).isEmpty());
    }

    @Test
    @DisplayName("latencyMs delays each call")
    void latency() throws Exception {
        MockProvider mock = mock();
        long start = System.nanoTime();
        mock.create(res("app.slow", "{'latencyMs':120}"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 120, "took " + elapsedMs + " ms");
    }

    @Test
    @DisplayName("1,000 creates without latency, three rounds over, each recorded once in the ledger")
    void manyCreates() throws Exception {
        MockProvider mock = mock();
        long bestMs = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                mock.create(res("app.round" + round + ".r" + i, "{'index':" + i + ",'name':'resource'}"));
            }
            bestMs = Math.min(bestMs, (System.nanoTime() - start) / 1_000_000);
        }
        // How fast is for the benchmarks to say (bench/deploy.sh); a unit test only reports it.
        System.out.println("mock: 1,000 creates took " + bestMs + " ms (best of 3)");
        assertEquals(3000, MockLedger.existing(ledger()).size());
    }

    @Test
    @DisplayName("no ledger file appears until the mock is used; a closed provider reopens it without counting twice")
    void lazyLedger() throws Exception {
        MockProvider mock = mock();
        assertFalse(java.nio.file.Files.exists(ledger()));
        mock.create(res("app.once", "{}"));
        mock.close();
        ResourceResult again = mock.create(res("app.once", "{}"));
        assertTrue(again.outputs().get("id").asText().endsWith("-2"), again.outputs().toString());
        assertEquals(Map.of("app.once", 2L), MockLedger.successfulCreates(ledger()));
    }

    @Test
    @DisplayName("bad control props are refused")
    void badControls() {
        var e = assertThrows(ProviderException.class, () -> mock().create(res("app.x", "{'failTimes':-1}")));
        assertTrue(e.getMessage().contains("failTimes"), e.getMessage());
        assertThrows(ProviderException.class, () -> mock().create(res("app.x", "{'latencyMs':'soon'}")));
    }
}
