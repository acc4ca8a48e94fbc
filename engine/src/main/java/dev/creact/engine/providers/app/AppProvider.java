package dev.creact.engine.providers.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.provider.ChildApps;
import dev.creact.engine.provider.InnerPlanning;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code app} provider: one {@code app:App} resource is one child app. Creating or updating it deploys
 * the child's stack, deleting it destroys that stack, reading it reads the stack; all through
 * {@link ChildApps}, so the child's lock, journal and state machine are the engine's, as for any stack. The
 * resource's outputs are the child's outputs, with {@code $signals} (what its deploy signalled) and
 * {@code $stack} (its stack's name).
 */
final class AppProvider implements Provider, InnerPlanning {
    private final String parentStack;
    private final ChildApps apps;

    AppProvider(String parentStack, ChildApps apps) {
        this.parentStack = parentStack;
        this.apps = apps;
    }

    @Override
    public String name() {
        return "app";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of(AppPlugin.TYPE);
    }

    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return result(apps.deploy(child(request), request.context()));
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        return apps.find(child(request)).map(AppProvider::result);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return result(apps.deploy(child(request), request.context()));
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        apps.destroy(child(request), request.context());
    }

    @Override
    public InnerPlan innerPlan(ResourceRequest request, Action action) throws ProviderException {
        return apps.plan(child(request), request.context());
    }

    private static ChildApps.Child child(ResourceRequest request) throws ProviderException {
        var source = request.props().path("source");
        if (!source.isTextual()) {
            throw new ProviderException("app " + request.id() + ": `source` must be the child project's folder", false);
        }
        Path dir = request.projectRoot().resolve(source.asText()).normalize();
        return new ChildApps.Child(request.id(), dir, request.props().get("context"));
    }

    private static ResourceResult result(ChildApps.Deployed deployed) {
        ObjectNode outputs = deployed.outputs().deepCopy();
        outputs.set("$signals", deployed.signals() == null ? JsonNodeFactory.instance.arrayNode() : deployed.signals());
        outputs.put("$stack", deployed.stack());
        var data = JsonNodeFactory.instance.objectNode();
        data.put("stack", deployed.stack());
        data.put("serial", deployed.serial());
        return new ResourceResult(outputs, data);
    }

    @Override
    public String toString() {
        return "app provider for the children of " + parentStack;
    }
}
