package dev.creact.engine.providers.local;

import static dev.creact.engine.model.ConstructSchema.props;

import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** The {@code local} provider as a plugin: files, folders, random ids and commands on this machine ({@code creact/local}). */
public final class LocalPlugin implements ProviderPlugin {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "files, folders, random ids and commands on this machine";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/local";
    }

    @Override
    public Set<String> typePatterns() {
        return Set.of("local:*");
    }

    @Override
    public Set<String> capabilities() {
        return Set.of("create", "read", "update", "delete", "import");
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        return List.of(
                new ConstructDeclaration("LocalFile", schema("local:File", props(
                        "path", new PropSpec("string", true, true, null).asExclusive(),
                        "content", new PropSpec("string", false, false, true),
                        "mode", new PropSpec("string|number", false, false, true)), List.of("path", "sha256")),
                        "A file under the project root. Changing its path replaces it; content and mode update it in place."),
                new ConstructDeclaration("LocalDirectory", schema("local:Directory", props(
                        "path", new PropSpec("string", true, true, null).asExclusive()), List.of("path")),
                        "A folder under the project root."),
                new ConstructDeclaration("RandomId", schema("local:RandomId", props(
                        "bytes", new PropSpec("number", true, true, null),
                        "keepers", new PropSpec("object", false, true, null)), List.of("hex")),
                        "Random bytes as hex, generated once and kept; a change of `keepers` makes new ones."),
                new ConstructDeclaration("Exec", schema("local:Exec", props(
                        "create", new PropSpec("string", true, true, null),
                        "destroy", new PropSpec("string", false, false, null),
                        "cwd", new PropSpec("string", false, true, null),
                        "timeoutMs", new PropSpec("number", false, false, true)), List.of("stdout", "exitCode")),
                        "Runs `create` when created and `destroy` when deleted, as real processes."));
    }

    private static ConstructSchema schema(String type, LinkedHashMap<String, PropSpec> props, List<String> outputs) {
        return new ConstructSchema(type, props, outputs, false, false);
    }


    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(LocalPlugin.class, "/dev/creact/engine/providers/local/local.d.ts");
    }

    @Override
    public Provider open(ProviderContext context) {
        return new LocalProvider();
    }
}
