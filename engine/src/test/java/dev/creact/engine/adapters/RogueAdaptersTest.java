package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.adapters.helm.HelmAdapter;
import dev.creact.engine.adapters.terraform.TerraformAdapter;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.OrchestrationContract;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.provider.ProviderPlugins;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import dev.creact.engine.providers.local.LocalPlugin;
import dev.creact.engine.providers.mock.MockPlugin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adapters and providers that try to orchestrate are refused when they are registered, each with the rule
 * it broke; the built-in ones keep the rules.
 */
@DisplayName("The orchestration contract refuses rogue adapters and providers")
class RogueAdaptersTest {
    /** A well-behaved adapter to start rogues from: one construct, materialises nothing. */
    abstract static class Quiet extends BaseAdapter {
        private final String name;

        Quiet(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String moduleSpecifier() {
            return "creact/" + name;
        }

        @Override
        public List<ConstructDeclaration> constructs() {
            return List.of(new ConstructDeclaration("Thing", new ConstructSchema(name + ":Thing", Map.of(), List.of(), true, false), ""));
        }

        @Override
        public String typeScriptDeclarations() {
            return "";
        }

        @Override
        public Metadata metadata() {
            return new Metadata(name, "0", List.of("none"));
        }

        @Override
        public Capabilities describeCapabilities() {
            return new Capabilities(name, Optional.empty(), false, List.of());
        }

        @Override
        protected Shape shape() {
            return new Shape("source", "inputs", "digest", true);
        }

        @Override
        public Artifact load(Path source, ObjectNode options) {
            return new Artifact(source, Map.of(), Map.of(), "sha256:0");
        }

        @Override
        public Optional<Materialized> materialize(Materialization m) {
            return Optional.empty();
        }

        @Override
        public ObjectNode mapOutputs(JsonNode external) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    static final class WellBehaved extends Quiet {
        WellBehaved() {
            super("polite");
        }
    }

    /** Retries terraform itself when it fails. */
    static final class RetryingAdapter extends Quiet {
        RetryingAdapter() {
            super("retrying");
        }

        Optional<Materialized> applyWithRetries(Materialization m, int attempts) {
            return Optional.empty();
        }
    }

    /** Counts its own back-off. */
    static final class BackoffAdapter extends Quiet {
        private final long backoffMillis = 500;

        BackoffAdapter() {
            super("backoff");
        }
    }

    /** Keeps the deployed resources to itself. */
    static final class StatefulAdapter extends Quiet {
        private final Map<String, JsonNode> deployedState = new java.util.HashMap<>();

        StatefulAdapter() {
            super("stateful");
        }
    }

    /** Writes its own checkpoints. */
    static final class CheckpointingAdapter extends Quiet {
        CheckpointingAdapter() {
            super("checkpointing");
        }

        void saveState(JsonNode everything) {
        }
    }

    /** Undoes its own failures. */
    static final class RollbackAdapter extends Quiet {
        RollbackAdapter() {
            super("rollback");
        }

        void rollbackOnFailure(Materialization m) {
        }
    }

    /** Reaches for the backend. */
    static final class BackendAdapter extends Quiet {
        private final dev.creact.engine.backend.StateBackend backend = null;

        BackendAdapter() {
            super("backend");
        }
    }

    /** Reaches for the deployer through a method. */
    static final class DeployerAdapter extends Quiet {
        DeployerAdapter() {
            super("deployer");
        }

        void drive(dev.creact.engine.deploy.DeployOptions options) {
        }
    }

    /** An adapter that skips BaseAdapter to hand out a provider of its own making. */
    static final class HandRolledAdapter implements IacAdapter {
        @Override public String name() { return "handrolled"; }
        @Override public String moduleSpecifier() { return "creact/handrolled"; }
        @Override public List<ConstructDeclaration> constructs() { return List.of(); }
        @Override public String typeScriptDeclarations() { return ""; }
        @Override public Provider open(ProviderContext context) { return null; }
        @Override public Metadata metadata() { return new Metadata("handrolled", "0", List.of()); }
        @Override public Capabilities describeCapabilities() { return new Capabilities("x", Optional.empty(), false, List.of()); }
        @Override public Artifact load(Path source, ObjectNode options) { return null; }
        @Override public Optional<Materialized> materialize(Materialization m) { return Optional.empty(); }
        @Override public ObjectNode mapOutputs(JsonNode external) { return null; }
        @Override public Loaded load(Declaration declaration) { return new Loaded(null, List.of()); }
    }

    /** A plain plugin that says it can retry and roll back. */
    static final class BoastfulPlugin implements ProviderPlugin {
        @Override public String name() { return "boastful"; }
        @Override public String moduleSpecifier() { return "creact/boastful"; }
        @Override public List<ConstructDeclaration> constructs() { return List.of(); }
        @Override public String typeScriptDeclarations() { return ""; }
        @Override public Set<String> capabilities() { return Set.of("create", "retry"); }
        @Override public Provider open(ProviderContext context) { return null; }
    }

    /** A provider whose class keeps a rollback journal. */
    static final class JournalingProvider implements Provider {
        private final java.util.List<String> journal = new java.util.ArrayList<>();
        @Override public String name() { return "journaling"; }
        @Override public Set<String> typePatterns() { return Set.of("journaling:*"); }
        @Override public ResourceResult create(ResourceRequest r) { return null; }
        @Override public Optional<ResourceResult> read(ResourceRequest r) { return Optional.empty(); }
        @Override public ResourceResult update(ResourceRequest r) { return null; }
        @Override public void delete(ResourceRequest r) { }
    }

    private static String refusal(ProviderPlugin plugin) {
        var found = ProviderPlugins.check(List.of(plugin));
        assertTrue(found.plugins().isEmpty(), plugin.name() + " was accepted");
        return found.refused().get(plugin.getClass().getName());
    }

    @Test
    @DisplayName("an adapter that declares its own retries is refused under no-retries")
    void retries() {
        assertTrue(refusal(new RetryingAdapter()).startsWith(OrchestrationContract.NO_RETRIES + ": "), refusal(new RetryingAdapter()));
        assertTrue(refusal(new RetryingAdapter()).contains("applyWithRetries"));
        assertTrue(refusal(new BackoffAdapter()).startsWith(OrchestrationContract.NO_RETRIES + ": "), refusal(new BackoffAdapter()));
        assertTrue(refusal(new BoastfulPlugin()).startsWith(OrchestrationContract.NO_RETRIES + ": it declares the capability 'retry'"),
                refusal(new BoastfulPlugin()));
    }

    @Test
    @DisplayName("an adapter that keeps or saves state of its own is refused under no-state")
    void state() {
        assertTrue(refusal(new StatefulAdapter()).startsWith(OrchestrationContract.NO_STATE + ": "), refusal(new StatefulAdapter()));
        assertTrue(refusal(new StatefulAdapter()).contains("deployedState"));
        assertTrue(refusal(new CheckpointingAdapter()).startsWith(OrchestrationContract.NO_STATE + ": "));
        assertTrue(refusal(new CheckpointingAdapter()).contains("saveState()"));
    }

    @Test
    @DisplayName("an adapter that rolls back on its own is refused under no-rollback")
    void rollback() {
        assertTrue(refusal(new RollbackAdapter()).startsWith(OrchestrationContract.NO_ROLLBACK + ": "), refusal(new RollbackAdapter()));
        assertTrue(refusal(new RollbackAdapter()).contains("rollbackOnFailure"));
    }

    @Test
    @DisplayName("an adapter that reaches the backend or the deployer is refused under no-engine-internals")
    void internals() {
        assertTrue(refusal(new BackendAdapter()).startsWith(OrchestrationContract.NO_INTERNALS + ": "), refusal(new BackendAdapter()));
        assertTrue(refusal(new BackendAdapter()).contains("dev.creact.engine.backend.StateBackend"));
        assertTrue(refusal(new DeployerAdapter()).contains("dev.creact.engine.deploy.DeployOptions"), refusal(new DeployerAdapter()));
    }

    @Test
    @DisplayName("an adapter that does not extend BaseAdapter is refused, since only BaseAdapter's provider reaches the deployer")
    void mustExtendBase() {
        assertTrue(refusal(new HandRolledAdapter()).startsWith(OrchestrationContract.ADAPTERS_EXTEND_BASE + ": "),
                refusal(new HandRolledAdapter()));
    }

    @Test
    @DisplayName("a provider is held to the same rules when it is opened")
    void providers() {
        String why = OrchestrationContract.violation(JournalingProvider.class);
        assertTrue(why != null && why.startsWith(OrchestrationContract.NO_STATE + ": ") && why.contains("journal"), why);
    }

    @Test
    @DisplayName("one rogue does not keep the others out; the built-in plugins and their providers keep the rules")
    void builtIns() {
        var found = ProviderPlugins.check(List.of(new WellBehaved(), new RetryingAdapter(), new TerraformAdapter(), new HelmAdapter(),
                new LocalPlugin(), new MockPlugin()));
        assertEquals(List.of("polite", "terraform", "helm", "local", "mock"), List.copyOf(found.plugins().keySet()));
        assertEquals(Set.of(RetryingAdapter.class.getName()), found.refused().keySet());
        for (ProviderPlugin p : found.plugins().values()) {
            var provider = p.open(new ProviderContext(Path.of("."), null));
            assertNull(OrchestrationContract.violation(provider.getClass()), p.name());
            provider.close();
        }
        assertTrue(ProviderPlugins.all().keySet().containsAll(List.of("terraform", "helm")), "both adapters are found on the class path");
    }
}
