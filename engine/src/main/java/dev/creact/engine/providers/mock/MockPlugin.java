package dev.creact.engine.providers.mock;

import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mock} provider as a plugin ({@code creact/mock}): resources that exist only in a ledger file,
 * for tests and benchmarks. Setting {@code ledger}: where the ledger lives, relative to the project.
 */
public final class MockPlugin implements ProviderPlugin {
    @Override
    public String name() {
        return "mock";
    }

    @Override
    public String description() {
        return "resources that exist only in a ledger file, for tests and benchmarks";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/mock";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("mock:*");
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        var props = new LinkedHashMap<String, PropSpec>();
        props.put("latencyMs", new PropSpec("number", false, false, true));
        props.put("failTimes", new PropSpec("number", false, false, true));
        props.put("failPermanently", new PropSpec("boolean", false, false, true));
        return List.of(new ConstructDeclaration("MockResource",
                new ConstructSchema("mock:Resource", props, List.of("id"), true, false).withAdditionalOutputs(),
                "Any props, echoed as outputs, plus `id`. `latencyMs` delays each call, `failTimes` fails that many "
                        + "calls transiently before succeeding, `failPermanently` fails every call."));
    }

    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(MockPlugin.class, "/dev/creact/engine/providers/mock/mock.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("ledger", "where the ledger file lives, relative to the project (default "
                + MockProvider.PROJECT_LEDGER + ")");
    }

    @Override
    public Provider open(ProviderContext context) {
        var ledger = context.settings().path("ledger");
        if (!ledger.isMissingNode() && !ledger.isTextual()) {
            throw new IllegalArgumentException("creact.config: providers.mock.ledger must be a path (a string)");
        }
        return new MockProvider(context.projectRoot().resolve(ledger.asText(MockProvider.PROJECT_LEDGER)));
    }
}
