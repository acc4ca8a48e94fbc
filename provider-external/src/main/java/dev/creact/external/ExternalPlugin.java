package dev.creact.external;

import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An external provider as a plugin: its name is its key under {@code providers}, its module
 * {@code creact/<name>}, its constructs and settings what its program described. Its provider runs the
 * program (once per command, when first called). Identity matters: each description is a new plugin, so the
 * module loader never serves an old one.
 */
final class ExternalPlugin implements ProviderPlugin {
    private final ExternalProviderSpec spec;
    private final Description description;
    private final String declarations;

    ExternalPlugin(ExternalProviderSpec spec, Description description) {
        this.spec = spec;
        this.description = description;
        this.declarations = TypeScriptDeclarations.of(spec.name(), moduleSpecifier(), description);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String description() {
        String own = description.description().isBlank() ? "" : description.description().strip() + " ";
        return own + "(external: " + String.join(" ", spec.command()) + ")";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/" + spec.name();
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        return description.constructs();
    }

    @Override
    public String typeScriptDeclarations() {
        return declarations;
    }

    /** creact's own keys ({@code command}, {@code env}, {@code timeoutSeconds}), then the program's settings. */
    @Override
    public Map<String, String> settings() {
        var all = new TreeMap<>(ExternalProviderSpec.OWN_KEYS);
        all.putAll(description.settings());
        return all;
    }

    @Override
    public Provider open(ProviderContext context) {
        var entry = context.settings();
        return new ExternalProvider(ExternalProviderSpec.parse(context.projectRoot(), spec.name(), entry),
                typePatterns(), context.stack());
    }
}
