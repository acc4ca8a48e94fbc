package dev.creact.engine.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import dev.creact.engine.providers.mock.MockLedger.Op;
import dev.creact.engine.providers.mock.MockLedger.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Resources that exist only in a ledger file ({@link MockLedger}), for tests and benchmarks of the deployer:
 * props are echoed as outputs, {@code latencyMs} slows every call, {@code failTimes} makes the first
 * create/update/delete calls of a resource fail transiently, {@code failPermanently} makes every create and
 * update fail (deletes still work, so a failed stack can be cleaned up).
 *
 * <p>The ledger is the truth for every process sharing it: before each call this provider reads the lines
 * appended since its last call (its own and other processes'), so failure counts and existence carry
 * across a killed and restarted deploy. That is a short read per call rather than a replay of the file.
 *
 * <p>Creating a resource that already exists succeeds and counts a second creation, so tests can catch
 * duplicates with {@link MockLedger#successfulCreates(Path)}; updating one that does not exist fails
 * permanently, as a real API would.
 */
public final class MockProvider implements Provider {
    /** Where the ledger lives inside a project, unless a test chooses otherwise. */
    public static final String PROJECT_LEDGER = ".creact/mock-ledger.jsonl";
    private static final Set<String> CONTROL_PROPS = Set.of("latencyMs", "failTimes", "failPermanently");

    private final Path ledgerFile;
    private MockWorld world;
    private final Object lock = new Object();
    /** Opened on the first call, so a project that never uses the mock gets no ledger file. */
    private MockLedger ledger;

    public MockProvider(Path ledgerFile) {
        this.ledgerFile = ledgerFile;
    }

    public static MockProvider forProject(Path projectRoot) {
        return new MockProvider(projectRoot.resolve(PROJECT_LEDGER));
    }

    public Path ledgerFile() {
        return ledgerFile;
    }

    /** See {@link MockLedger#sync()}. */
    public void sync() throws IOException {
        synchronized (lock) {
            if (ledger != null) {
                ledger.sync();
            }
        }
    }

    @Override
    public String name() {
        return "mock";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("mock:*");
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        Controls controls = Controls.of(request);
        controls.delay(request);
        synchronized (lock) {
            MockWorld.Resource r = catchUp(request);
            failIfAsked(request, Op.CREATE, controls, r);
            String mockId = "mock-" + shortHash(request.id()) + "-" + (r.successfulCreates + 1);
            record(request, Op.CREATE, Result.OK, mockId);
            return result(request, mockId);
        }
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        Controls.of(request).delay(request);
        synchronized (lock) {
            MockWorld.Resource r = catchUp(request);
            record(request, Op.READ, r.exists ? Result.OK : Result.ABSENT, null);
            return r.exists ? Optional.of(result(request, r.mockId != null ? r.mockId : knownId(request))) : Optional.empty();
        }
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        Controls controls = Controls.of(request);
        controls.delay(request);
        synchronized (lock) {
            MockWorld.Resource r = catchUp(request);
            failIfAsked(request, Op.UPDATE, controls, r);
            if (!r.exists) {
                record(request, Op.UPDATE, Result.ABSENT, null);
                throw ProviderException.permanent("%s (%s): mock resource does not exist, so it cannot be updated"
                        .formatted(request.id(), request.type()));
            }
            record(request, Op.UPDATE, Result.OK, null);
            return result(request, r.mockId != null ? r.mockId : knownId(request));
        }
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        Controls controls = Controls.of(request);
        controls.delay(request);
        synchronized (lock) {
            MockWorld.Resource r = catchUp(request);
            if (r.transientFailures < controls.failTimes) {
                failTransiently(request, Op.DELETE, controls, r);
            }
            record(request, Op.DELETE, r.exists ? Result.OK : Result.ABSENT, null);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (ledger != null) {
                try {
                    ledger.close();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot close the mock ledger " + ledgerFile + ": " + e.getMessage(), e);
                } finally {
                    ledger = null;
                }
            }
        }
    }

    /** Applies what was appended since the last call (by anyone), then answers for this resource. */
    private MockWorld.Resource catchUp(ResourceRequest request) throws ProviderException {
        try {
            if (ledger == null) {
                ledger = MockLedger.open(ledgerFile);
                world = new MockWorld(); // a fresh ledger reader replays from the start
            }
            ledger.readNew().forEach(world::apply);
        } catch (IOException e) {
            throw new ProviderException("%s (%s): cannot read the mock ledger %s: %s"
                    .formatted(request.id(), request.type(), ledgerFile, e.getMessage()), false, e);
        }
        return world.get(request.id());
    }

    private void failIfAsked(ResourceRequest request, Op op, Controls controls, MockWorld.Resource r)
            throws ProviderException {
        if (controls.failPermanently) {
            record(request, op, Result.PERMANENT, null);
            throw ProviderException.permanent("%s (%s): mock %s fails permanently (failPermanently is set)"
                    .formatted(request.id(), request.type(), op.json()));
        }
        if (r.transientFailures < controls.failTimes) {
            failTransiently(request, op, controls, r);
        }
    }

    private void failTransiently(ResourceRequest request, Op op, Controls controls, MockWorld.Resource r)
            throws ProviderException {
        long failure = r.transientFailures + 1; // before recording it, which updates r
        record(request, op, Result.TRANSIENT, null);
        throw ProviderException.transientFailure("%s (%s): mock %s fails transiently (%d of failTimes %d)"
                .formatted(request.id(), request.type(), op.json(), failure, controls.failTimes));
    }

    private void record(ResourceRequest request, Op op, Result result, String mockId) throws ProviderException {
        try {
            ledger.append(op, request.id(), result, mockId, world::apply);
        } catch (IOException e) {
            throw new ProviderException("%s (%s): cannot write the mock ledger %s: %s"
                    .formatted(request.id(), request.type(), ledgerFile, e.getMessage()), false, e);
        }
    }

    /** The id as the last call returned it, for a ledger written before ids were recorded in it. */
    private static String knownId(ResourceRequest request) {
        JsonNode data = request.providerData();
        if (data != null && data.path("id").isTextual()) {
            return data.get("id").asText();
        }
        return request.outputs().path("id").asText("mock-" + shortHash(request.id()));
    }

    private static ResourceResult result(ResourceRequest request, String mockId) {
        ObjectNode outputs = request.props().deepCopy();
        outputs.remove(CONTROL_PROPS);
        outputs.put("id", mockId);
        return new ResourceResult(outputs, JsonNodeFactory.instance.objectNode().put("id", mockId));
    }

    private static String shortHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The props that steer the mock rather than describe the resource. */
    private record Controls(long latencyMs, long failTimes, boolean failPermanently) {
        static Controls of(ResourceRequest request) throws ProviderException {
            return new Controls(count(request, "latencyMs"), count(request, "failTimes"),
                    request.props().path("failPermanently").asBoolean(false));
        }

        private static long count(ResourceRequest request, String name) throws ProviderException {
            JsonNode value = request.props().get(name);
            if (value == null || value.isNull()) {
                return 0;
            }
            if (!value.isNumber() || value.asLong() < 0) {
                throw ProviderException.permanent("%s (%s): prop '%s' must be a number of at least 0, got %s"
                        .formatted(request.id(), request.type(), name, value));
            }
            return value.asLong();
        }

        /** Outside the ledger lock, so slow resources are slow in parallel, as real ones are. */
        void delay(ResourceRequest request) throws ProviderException {
            if (latencyMs <= 0) {
                return;
            }
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.transientFailure("%s (%s): interrupted".formatted(request.id(), request.type()));
            }
        }
    }
}
