package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The provider of an external plugin: each create, read, update and delete is one JSON-RPC call to the
 * provider program. The program is started on the first call of a command (then {@code configure}d with
 * its settings) and shut down when the command closes its providers; one program serves every call of the
 * command, several at once. If it dies, the calls in flight and every later one fail permanently, naming
 * the provider and the resource: nothing waits for a program that is gone.
 */
final class ExternalProvider implements Provider {
    /** The protocol's version, sent with {@code describe} and {@code configure}. */
    static final int PROTOCOL_VERSION = 1;

    private final ExternalProviderSpec spec;
    private final Set<String> types;
    private final String stack;
    private final Object starting = new Object();
    private volatile ProviderProcess program;
    private volatile boolean closed;

    ExternalProvider(ExternalProviderSpec spec, Set<String> types, String stack) {
        this.spec = spec;
        this.types = Set.copyOf(types);
        this.stack = stack;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Set<String> typePatterns() {
        return types;
    }

    /** The running program, started and configured on the first call; a program that died is not restarted. */
    private ProviderProcess program(OperationContext context) throws ProviderException {
        var p = program;
        if (p != null) {
            return p;
        }
        synchronized (starting) {
            if (closed) {
                throw ProviderException.permanent("provider " + spec.label() + " is closed");
            }
            if (program == null) {
                var started = ProviderProcess.start(spec);
                try {
                    ObjectNode params = Json.mapper().createObjectNode();
                    params.put("protocolVersion", PROTOCOL_VERSION);
                    params.set("settings", spec.settings());
                    params.put("projectRoot", spec.projectRoot().toString());
                    params.put("stack", stack);
                    started.call("configure", params, startTimeout(context), "configuring it", null, null, context::cancelled);
                } catch (ProviderException e) {
                    started.close();
                    throw e;
                }
                program = started;
            }
            return program;
        }
    }

    /**
     * How long starting and configuring the program may take: at least 30 s whatever {@code timeoutSeconds}
     * says (that is for one operation; a program's start on a loaded machine is not one), within the deadline.
     */
    private Duration startTimeout(OperationContext context) {
        var budget = spec.callTimeout().compareTo(START) > 0 ? spec.callTimeout() : START;
        var left = context.remaining();
        return left.compareTo(budget) < 0 ? left : budget;
    }

    private static final Duration START = Duration.ofSeconds(30);

    private Duration timeout(OperationContext context) {
        var left = context.remaining();
        return left.compareTo(spec.callTimeout()) < 0 ? left : spec.callTimeout();
    }

    private JsonNode call(String method, String doing, ResourceRequest request, boolean withLast) throws ProviderException {
        var context = request.context();
        ObjectNode params = Json.mapper().createObjectNode();
        params.put("id", request.id());
        params.put("type", request.type());
        params.set("props", request.props());
        if (withLast) {
            params.set("outputs", request.outputs());
            params.set("providerData", request.providerData() == null ? params.nullNode() : request.providerData());
        }
        String what = doing + " " + request.id() + " (" + request.type() + ")";
        return program(context).call(method, params, timeout(context), what, request.id(), context.progress(),
                context::cancelled);
    }

    private ResourceResult result(JsonNode answer, String method, ResourceRequest request) throws ProviderException {
        if (!answer.isObject()) {
            throw ProviderException.permanent("provider " + spec.label() + " answered " + method + " of " + request.id()
                    + " with " + answer.getNodeType().name().toLowerCase() + ", not {\"outputs\": {…}}");
        }
        JsonNode outputs = answer.path("outputs");
        if (!outputs.isMissingNode() && !outputs.isObject()) {
            throw ProviderException.permanent("provider " + spec.label() + " answered " + method + " of " + request.id()
                    + " with outputs that are not an object");
        }
        JsonNode data = answer.path("providerData");
        JsonNode observed = answer.path("observed");
        return new ResourceResult(outputs.isObject() ? (ObjectNode) outputs : Json.mapper().createObjectNode(),
                data.isMissingNode() || data.isNull() ? null : data,
                observed.isObject() ? (ObjectNode) observed : null);
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return result(call("create", "creating", request, false), "create", request);
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        JsonNode answer = call("read", "reading", request, true);
        if (answer.isNull() || answer.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(result(answer, "read", request));
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return result(call("update", "updating", request, true), "update", request);
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        call("delete", "deleting", request, true);
    }

    /** Shuts the program down (if it was started): {@code shutdown}, {@code exit}, and a kill after 5 s. */
    @Override
    public void close() {
        synchronized (starting) {
            closed = true;
            if (program != null) {
                program.close();
            }
        }
    }
}
