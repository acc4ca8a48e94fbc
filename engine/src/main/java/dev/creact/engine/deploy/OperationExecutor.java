package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Node;
import dev.creact.engine.plan.DependencyGraph;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderRouter;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs one change of a plan against its provider: resolves the props' references from what exists now,
 * writes the intent to the journal, calls the provider (with a deadline, retrying transient failures with
 * back-off that wakes on cancel), writes the result, and records the resource in the {@link LiveState}.
 * It knows one resource at a time; the order is the {@link GraphWalk}'s.
 */
final class OperationExecutor {
    /** A provider operation that failed for good (after retries), with a message for people. */
    static final class OperationFailedException extends Exception {
        OperationFailedException(String message) {
            super(message);
        }
    }

    private final ProviderRouter router;
    private final Path projectRoot;
    private final DeployOptions options;
    private final Predicate<String> createBeforeDestroy;
    private final LiveState live;
    private final Map<String, Node> desired;
    private final DependencyGraph desiredGraph;
    private final JournalCodec journal;
    private final EventSink events;
    private final String deploymentId;
    private final CancellationToken token;
    private final SecretResolution secrets;

    OperationExecutor(ProviderRouter router, Path projectRoot, DeployOptions options, Predicate<String> createBeforeDestroy,
                      LiveState live, Map<String, Node> desired, DependencyGraph desiredGraph, JournalCodec journal,
                      EventSink events, String deploymentId, CancellationToken token, SecretResolution secrets) {
        this.router = router;
        this.projectRoot = projectRoot;
        this.options = options;
        this.createBeforeDestroy = createBeforeDestroy;
        this.live = live;
        this.desired = desired;
        this.desiredGraph = desiredGraph;
        this.journal = journal;
        this.events = events;
        this.deploymentId = deploymentId;
        this.token = token;
        this.secrets = secrets;
    }

    /** Applies {@code c}; returns the resource as it now exists (null when it was deleted). */
    Node run(Change c) throws OperationFailedException {
        return switch (c.action()) {
            case CREATE -> create(desired.get(c.id()), c.action());
            case UPDATE -> update(desired.get(c.id()));
            case DELETE -> {
                delete(live.get(c.id()), c.action(), "delete");
                yield null;
            }
            case REPLACE -> {
                Node old = live.get(c.id());
                Node next = desired.get(c.id());
                if (createBeforeDestroy.test(next.type())) {
                    Node created = create(next, c.action());
                    delete(old, c.action(), "delete-old");
                    live.put(created);
                    yield created;
                }
                delete(old, c.action(), "delete");
                yield create(next, c.action());
            }
        };
    }

    private Node create(Node target, Action action) throws OperationFailedException {
        var provider = provider(target);
        ObjectNode resolved = resolve(target);
        var request = new ResourceRequest(target.id(), target.type(), withoutDependsOn(forProvider(target.id(), resolved)),
                null, null, projectRoot);
        intent(target, action, "create");
        var importId = resolved.path(IMPORT);
        ResourceResult result = importId.isTextual()
                ? call(provider, request, action, "create", r -> provider.importExisting(r, importId.asText()).orElseThrow(
                        () -> ProviderException.permanent("%s (%s): there is nothing to import at %s".formatted(
                                target.id(), target.type(), importId.asText()))))
                : call(provider, request, action, "create", provider::create);
        ObjectNode kept = resolved;
        if (result.observed() != null) {
            // Adopted: the state holds what was found, so the next cycle plans what the code says differently.
            kept = resolved.deepCopy();
            kept.setAll(redacted(result.observed()));
            for (var e : resolved.properties()) {
                if (!dev.creact.engine.security.SecretReferences.names(e.getValue()).isEmpty()) {
                    kept.set(e.getKey(), e.getValue()); // what was found for a secret prop is the secret: keep the reference
                }
            }
        }
        Node node = new Node(target.id(), target.path(), target.type(), kept, List.of(), redacted(secrets.keepSensitive(target.id(), target.type(), result.outputs(), result.providerData(), events)),
                redacted(result.providerData()), target.source(), List.copyOf(desiredGraph.dependenciesOf(target.id())));
        live.put(node);
        journal.succeeded(target.id(), "create", node);
        return node;
    }

    private Node update(Node target) throws OperationFailedException {
        var provider = provider(target);
        Node current = live.get(target.id());
        ObjectNode resolved = resolve(target);
        var request = new ResourceRequest(target.id(), target.type(), withoutDependsOn(forProvider(target.id(), resolved)),
                current == null ? null : forProvider(target.id(), current.outputs()), current == null ? null : current.state(), projectRoot);
        intent(target, Action.UPDATE, "update");
        ResourceResult result = call(provider, request, Action.UPDATE, "update", provider::update);
        Node node = new Node(target.id(), target.path(), target.type(), resolved, List.of(), redacted(secrets.keepSensitive(target.id(), target.type(), result.outputs(), result.providerData(), events)),
                redacted(result.providerData()), target.source(), List.copyOf(desiredGraph.dependenciesOf(target.id())));
        live.put(node);
        journal.succeeded(target.id(), "update", node);
        return node;
    }

    /** Deletes; {@code step} is "delete-old" for the old half of a create-before-destroy replacement. */
    private void delete(Node current, Action action, String step) throws OperationFailedException {
        if (current == null) {
            return;
        }
        var provider = provider(current);
        ObjectNode props;
        ObjectNode outputs;
        try {
            props = secrets.forProvider(current.id(), current.props(), events, deploymentId);
            outputs = secrets.forProvider(current.id(), current.outputs(), events, deploymentId);
        } catch (dev.creact.engine.security.SecretsException e) {
            props = current.props(); // a delete rarely needs the secret; the provider says if it does
            outputs = current.outputs();
        }
        var request = new ResourceRequest(current.id(), current.type(), withoutDependsOn(props),
                outputs, current.state(), projectRoot);
        intent(current, action, step);
        call(provider, request, action, step, r -> {
            provider.delete(r);
            return null;
        });
        live.remove(current.id());
        journal.succeeded(current.id(), step, null);
    }

    private void intent(Node subject, Action action, String step) {
        journal.intent(subject.id(), step, subject.type());
        events.intent(deploymentId, subject.id(), subject.type(), action, step);
    }

    private Provider provider(Node node) throws OperationFailedException {
        return router.route(node.type()).orElseThrow(() ->
                new OperationFailedException("no provider handles construct type " + node.type()));
    }

    private ObjectNode resolve(Node target) throws OperationFailedException {
        try {
            return PropResolver.resolve(target.id(), target.props(), live::get);
        } catch (PropResolver.UnresolvedReferenceException e) {
            throw new OperationFailedException(e.getMessage());
        }
    }

    /** {@code props} with secret values in place of references: for the provider call only, never kept. */
    private ObjectNode forProvider(String id, ObjectNode props) throws OperationFailedException {
        try {
            return secrets.forProvider(id, props, events, deploymentId);
        } catch (dev.creact.engine.security.SecretsException e) {
            throw new OperationFailedException(e.getMessage());
        }
    }

    private <T extends com.fasterxml.jackson.databind.JsonNode> T redacted(T value) {
        @SuppressWarnings("unchecked")
        T out = (T) secrets.redactor().redact(value);
        return out;
    }

    private String redacted(String text) {
        return secrets.redactor().redact(text);
    }

    /** Props as a provider sees them: without {@code dependsOn} and {@code import}, which are creact's business. */
    static ObjectNode withoutDependsOn(ObjectNode props) {
        if (!props.has("dependsOn") && !props.has(IMPORT)) {
            return props;
        }
        ObjectNode copy = props.deepCopy();
        copy.remove("dependsOn");
        copy.remove(IMPORT);
        return copy;
    }

    /** The prop that asks to adopt an existing resource instead of creating one (Terraform's import block). */
    static final String IMPORT = "import";

    @FunctionalInterface
    private interface ProviderCall {
        ResourceResult call(ResourceRequest request) throws ProviderException;
    }

    private ResourceResult call(Provider provider, ResourceRequest request, Action action, String step, ProviderCall call)
            throws OperationFailedException {
        RetryPolicy retry = options.retryFor(provider.name());
        String id = request.id();
        int attempt = 0;
        while (true) {
            try {
                return call.call(request.withContext(OperationContext.within(token, options.operationTimeout())
                        .withProgress(line -> events.note(id + ": " + redacted(line)))));
            } catch (ProviderException e) {
                if (e.isTransient() && attempt < retry.maxRetries() && !token.isCancelled()) {
                    attempt++;
                    events.retrying(deploymentId, id, action, attempt, redacted(e.getMessage()));
                    try {
                        if (token.sleep(retry.delayBefore(attempt))) {
                            String message = "cancelled while waiting to retry: " + redacted(e.getMessage());
                            journal.failed(id, step, message);
                            throw new OperationFailedException(message);
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        journal.failed(id, step, "interrupted while waiting to retry: " + redacted(e.getMessage()));
                        throw new OperationFailedException(redacted(e.getMessage()));
                    }
                    continue;
                }
                String message = (e.isTransient() ? "failed after " + (attempt + 1) + " attempts: " : "failed: ")
                        + redacted(e.getMessage());
                journal.failed(id, step, message);
                throw new OperationFailedException(message);
            } catch (RuntimeException e) {
                String message = "provider " + provider.name() + " crashed: " + redacted(e.toString());
                journal.failed(id, step, message);
                throw new OperationFailedException(message);
            }
        }
    }
}
