package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.InnerPlan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the {@code app} provider (nested apps, {@code creact/app}) may ask of the engine: deploy, read, plan
 * and destroy a child app, a creact project of its own whose resources live in their own stack
 * ({@code <parent-stack>/<app-id>}) under the parent's backend. The engine implements it; the provider sees
 * only this, so the child's lock, journal, state machine and state stay the engine's.
 *
 * <p>Given to providers in their {@link ProviderContext}; outside a command (tools, tests that call a
 * provider directly) it is {@link #UNAVAILABLE}.
 */
public interface ChildApps {
    /**
     * One child app as the parent declares it.
     *
     * @param appId   the parent's resource id of the app ({@code backend}); its stack is {@code <parent-stack>/<appId>}
     * @param source  the child project's folder (absolute)
     * @param context the context the parent passes down (its outputs' references already resolved), read by
     *                the child with {@code useAppContext}
     */
    record Child(String appId, Path source, JsonNode context) {
        public Child {
            context = context == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : context.deepCopy();
        }
    }

    /**
     * A child app as deployed: its stack outputs ({@code useAppOutputs}), the signals its last render sent
     * ({@code useSignal}: {@code [{name, payload}]}), its stack's name and state serial.
     */
    record Deployed(ObjectNode outputs, com.fasterxml.jackson.databind.node.ArrayNode signals, String stack, long serial) {
    }

    /** Deploys the child (finishing an interrupted deployment of its stack first); throws when it fails. */
    Deployed deploy(Child child, OperationContext context) throws ProviderException;

    /**
     * The child as its stack has it, or empty when it was never deployed or its last deployment was
     * interrupted (so the parent deploys it again, which resumes it).
     */
    Optional<Deployed> find(Child child) throws ProviderException;

    /** Destroys every resource of the child's stack, dependents first. */
    void destroy(Child child, OperationContext context) throws ProviderException;

    /** The child's plan, as an inner plan of the parent's change (display only). */
    InnerPlan plan(Child child, OperationContext context) throws ProviderException;

    /** For providers opened outside an engine command: every call fails, saying so. */
    ChildApps UNAVAILABLE = new ChildApps() {
        private ProviderException none() {
            return new ProviderException("nested apps need the engine: open the provider through a creact command", false);
        }

        @Override
        public Deployed deploy(Child child, OperationContext context) throws ProviderException {
            throw none();
        }

        @Override
        public Optional<Deployed> find(Child child) throws ProviderException {
            throw none();
        }

        @Override
        public void destroy(Child child, OperationContext context) throws ProviderException {
            throw none();
        }

        @Override
        public InnerPlan plan(Child child, OperationContext context) throws ProviderException {
            throw none();
        }
    };
}
