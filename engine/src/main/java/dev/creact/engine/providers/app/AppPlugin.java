package dev.creact.engine.providers.app;

import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * Nested apps as a plugin ({@code creact/app}): {@code CReactApp} declares a child app, a creact project of
 * its own deployed into its own stack ({@code <parent-stack>/<app-id>}) under the parent's backend; the hooks
 * {@code useAppContext}, {@code useAppOutputs} and {@code useSignal} are what the child uses. At build time it
 * checks the child's folder and adds a digest of its files ({@link AppSources}), so an edit in a child shows
 * as an update of its app in the parent's plan.
 */
public final class AppPlugin implements ProviderPlugin, DeclarationLoader {
    public static final String TYPE = "app:App";

    @Override
    public String name() {
        return "app";
    }

    @Override
    public String description() {
        return "nested apps: a child creact project deployed from the parent's tree into its own stack";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/app";
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        var props = new LinkedHashMap<String, PropSpec>();
        props.put("source", new PropSpec("string", true, false, false));
        props.put("context", new PropSpec("any", false, false, false));
        props.put(AppSources.DIGEST_PROP, new PropSpec("string", false, false, false));
        return List.of(new ConstructDeclaration("CReactApp",
                new ConstructSchema(TYPE, props, List.of(), false, false).withAdditionalOutputs(),
                "A nested creact app: the project in `source`, given `context`, deployed into the stack "
                        + "`<parent-stack>/<app-id>`; its outputs are the child's `useAppOutputs`."));
    }

    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(AppPlugin.class, "/dev/creact/engine/providers/app/app.d.ts");
    }

    @Override
    public String moduleExtras() {
        return PluginResources.text(AppPlugin.class, "/dev/creact/engine/providers/app/app-hooks.mjs");
    }

    @Override
    public Loaded load(Declaration declaration) {
        return AppSources.load(declaration);
    }

    @Override
    public Provider open(ProviderContext context) {
        return new AppProvider(context.stack(), context.apps());
    }
}
