package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.ProviderException;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One running provider program and the JSON-RPC connection to it (LSP4J's {@code jsonrpc}: LSP-style
 * {@code Content-Length} framing on the program's stdin and stdout). Its stderr goes to a log file whose last
 * lines explain a crash.
 *
 * <p>A call never outlives the program: when it exits (or closes its stdout) every call in flight fails at
 * once, permanently, with the exit code; a call that gets no answer within its time fails permanently too
 * (the program may still be doing it, so trying again at once could do it twice).
 */
final class ProviderProcess implements AutoCloseable {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /**
     * The protocol's methods, each taking and answering any JSON: LSP4J parses an answer only for a method it
     * knows (for others it gives null), and Jackson reads the JSON after.
     */
    private static final Map<String, JsonRpcMethod> METHODS = java.util.stream.Stream.of("describe", "configure",
                    "create", "read", "update", "delete", "shutdown")
            .collect(java.util.stream.Collectors.toUnmodifiableMap(m -> m,
                    m -> JsonRpcMethod.request(m, JsonElement.class, JsonElement.class)));

    private final ExternalProviderSpec spec;
    private final Process process;
    private final Path stderrLog;
    private final RemoteEndpoint remote;
    private final ExecutorService io;
    private final Set<CompletableFuture<Object>> inFlight = ConcurrentHashMap.newKeySet();
    /** Where {@code log} notifications for a resource go while a call for it runs. */
    private final Map<String, Consumer<String>> progressById = new ConcurrentHashMap<>();
    private volatile String ended;

    private ProviderProcess(ExternalProviderSpec spec, Process process, Path stderrLog) {
        this.spec = spec;
        this.process = process;
        this.stderrLog = stderrLog;
        this.io = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "creact-provider-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        var handler = new MessageJsonHandler(METHODS);
        remote = new RemoteEndpoint(new StreamMessageConsumer(process.getOutputStream(), handler), new Incoming());
        handler.setMethodProvider(remote);
        var reading = new ConcurrentMessageProcessor(new StreamMessageProducer(process.getInputStream(), handler), remote)
                .beginProcessing(io);
        io.submit(() -> {
            try {
                reading.get();
            } catch (Exception e) {
                // the stream broke: same as closed
            }
            ended("closed its output");
            return null;
        });
        process.onExit().thenRun(() -> ended("exited with code " + process.exitValue()));
    }

    /** Starts the program in the project folder, its stderr appended to {@code .creact/providers/<name>.log}. */
    static ProviderProcess start(ExternalProviderSpec spec) throws ProviderException {
        Path logDir = spec.projectRoot().resolve(".creact").resolve("providers");
        Path log = logDir.resolve(spec.name() + ".log");
        try {
            Files.createDirectories(logDir);
            Files.writeString(log, "== " + Instant.now() + " " + String.join(" ", spec.command()) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            var pb = new ProcessBuilder(spec.command()).directory(spec.projectRoot().toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(spec.env());
            return new ProviderProcess(spec, pb.start(), log);
        } catch (IOException e) {
            throw ProviderException.permanent("provider " + spec.label() + " could not be started: " + e.getMessage()
                    + "; check providers." + spec.name() + ".command in creact.config");
        }
    }

    /** Handles what the program sends unasked: {@code log} notifications ({@code {"id", "message"}}). */
    private final class Incoming implements Endpoint {
        @Override
        public CompletableFuture<?> request(String method, Object parameter) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("creact answers no requests: " + method));
        }

        @Override
        public void notify(String method, Object parameter) {
            if (!"log".equals(method) || !(parameter instanceof JsonElement p) || !p.isJsonObject()) {
                return;
            }
            var o = p.getAsJsonObject();
            String id = o.has("id") && o.get("id").isJsonPrimitive() ? o.get("id").getAsString() : null;
            String message = o.has("message") && o.get("message").isJsonPrimitive() ? o.get("message").getAsString() : "";
            var sink = id == null ? null : progressById.get(id);
            if (sink != null && !message.isEmpty()) {
                sink.accept(message);
            }
        }
    }

    private void ended(String how) {
        synchronized (this) {
            if (ended != null) {
                return;
            }
            if (how.equals("closed its output")) {
                // The exit code says more than a closed pipe; it follows at once when the program died.
                try {
                    if (process.waitFor(1, TimeUnit.SECONDS)) {
                        how = "exited with code " + process.exitValue();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ended = how;
        }
        var failure = new IllegalStateException(how);
        inFlight.forEach(f -> f.completeExceptionally(failure));
    }

    boolean alive() {
        return ended == null && process.isAlive();
    }

    /**
     * Calls {@code method} and waits for its answer, at most {@code timeout} and never past the program's end.
     *
     * @param what       what the call is doing, for messages: {@code creating app.widget (acme:Widget)}
     * @param resourceId whose {@code log} notifications go to {@code progress} meanwhile (or null)
     * @param cancelled  polled while waiting; when true, the wait goes on (a started call is let finish)
     */
    JsonNode call(String method, JsonNode params, Duration timeout, String what, String resourceId,
                  Consumer<String> progress, BooleanSupplier cancelled) throws ProviderException {
        if (ended != null) {
            throw ProviderException.permanent("provider " + spec.label() + " " + ended + " before " + what + tail());
        }
        JsonElement p = JsonParser.parseString(Json.write(params));
        if (resourceId != null && progress != null) {
            progressById.put(resourceId, progress);
        }
        CompletableFuture<Object> future = remote.request(method, p);
        inFlight.add(future);
        if (ended != null) {
            future.completeExceptionally(new IllegalStateException(ended));
        }
        try {
            Object result = future.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (result == null) {
                return NullNode.getInstance();
            }
            String text = result instanceof JsonElement e ? e.toString() : new com.google.gson.Gson().toJson(result);
            return Json.mapper().readTree(text);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ProviderException.permanent("provider " + spec.label() + " did not answer within "
                    + seconds(timeout) + " while " + what + "; it may still be doing it (a longer providers." + spec.name() + "."
                    + ExternalProviderSpec.TIMEOUT + " gives it more time)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ResponseErrorException re) {
                var error = re.getResponseError();
                boolean transientFailure = isTransient(error.getData());
                throw new ProviderException(what + ": " + error.getMessage(), transientFailure);
            }
            throw ProviderException.permanent("provider " + spec.label() + " "
                    + (ended != null ? ended : String.valueOf(cause.getMessage())) + " while " + what + tail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw ProviderException.permanent("interrupted while " + what);
        } catch (IOException e) {
            throw ProviderException.permanent("provider " + spec.label() + " answered " + method + " with what is not JSON: "
                    + e.getMessage());
        } finally {
            inFlight.remove(future);
            if (resourceId != null && progress != null) {
                progressById.remove(resourceId, progress);
            }
        }
    }

    private static boolean isTransient(Object data) {
        if (data instanceof JsonElement e && e.isJsonObject()) {
            var t = e.getAsJsonObject().get("transient");
            return t != null && t.isJsonPrimitive() && t.getAsJsonPrimitive().isBoolean() && t.getAsBoolean();
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The last lines the program wrote to stderr, for a crash message. */
    private String tail() {
        try {
            List<String> lines = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
            var last = lines.subList(Math.max(0, lines.size() - 5), lines.size()).stream()
                    .filter(l -> !l.startsWith("== ")).toList();
            return last.isEmpty() ? "" : "; its last words (" + spec.projectRoot().relativize(stderrLog) + "): "
                    + String.join(" | ", last).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Asks the program to shut down ({@code shutdown}, then {@code exit}), and kills it if it has not within 5 s. */
    @Override
    public void close() {
        try {
            if (alive()) {
                try {
                    call("shutdown", NullNode.getInstance(), SHUTDOWN_GRACE, "shutting down", null, null, () -> false);
                    remote.notify("exit", null);
                } catch (ProviderException | RuntimeException e) {
                    // it is going away either way
                }
                try {
                    process.getOutputStream().close();
                } catch (IOException e) {
                    // already closed
                }
            }
            if (!process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            ended("was shut down");
            io.shutdownNow();
        }
    }
}
