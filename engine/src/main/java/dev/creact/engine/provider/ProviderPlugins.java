package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Suggestions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The provider plugins on the class path, checked when found: a plugin whose name, module or construct
 * types break the rules below is refused with the rule it broke, and no other plugin is affected.
 * <ul>
 *   <li>its name is lower case ({@code [a-z][a-z0-9-]*}) and no other plugin has it;</li>
 *   <li>its module is {@code creact/<something>} and no other plugin (or creact itself) serves it;</li>
 *   <li>every construct type it declares starts with {@code <name>:} and its export names are distinct;</li>
 *   <li>it keeps to the {@link OrchestrationContract}: no retries, state or rollback of its own, and no
 *   reach into the engine's internals (its provider is held to the same when it is opened).</li>
 * </ul>
 */
public final class ProviderPlugins {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");
    private static final java.util.Set<String> RESERVED_MODULES = java.util.Set.of("creact", "creact/jsx-runtime",
            "creact/jsx-dev-runtime", "creact/test");

    /** Every plugin that passed the checks, by name in the order found; and those refused, with why. */
    public record Found(Map<String, ProviderPlugin> plugins, Map<String, String> refused) {
    }

    private static volatile Found found;

    private ProviderPlugins() {
    }

    public static Found found() {
        var f = found;
        if (f == null) {
            var list = new ArrayList<ProviderPlugin>();
            ServiceLoader.load(ProviderPlugin.class, ProviderPlugins.class.getClassLoader()).forEach(list::add);
            found = f = check(list);
        }
        return f;
    }

    /** The plugins that passed the checks, by name. */
    public static Map<String, ProviderPlugin> all() {
        return found().plugins();
    }

    /** Checks plugins as {@link #found()} does (for tests of the rules). */
    public static Found check(List<ProviderPlugin> candidates) {
        var plugins = new LinkedHashMap<String, ProviderPlugin>();
        var refused = new LinkedHashMap<String, String>();
        var modules = new java.util.HashSet<>(RESERVED_MODULES);
        for (ProviderPlugin p : candidates) {
            String problem = problem(p, plugins, modules);
            if (problem != null) {
                refused.put(p.getClass().getName(), problem);
                continue;
            }
            plugins.put(p.name(), p);
            modules.add(p.moduleSpecifier());
        }
        return new Found(java.util.Collections.unmodifiableMap(plugins), java.util.Collections.unmodifiableMap(refused));
    }

    private static String problem(ProviderPlugin p, Map<String, ProviderPlugin> taken, java.util.Set<String> modules) {
        String broken = OrchestrationContract.violation(p);
        if (broken != null) {
            return broken;
        }
        String name = p.name();
        if (name == null || !NAME.matcher(name).matches()) {
            return "its name " + name + " is not lower case letters, digits and '-'";
        }
        if (taken.containsKey(name)) {
            return "another plugin (" + taken.get(name).getClass().getName() + ") is already named '" + name + "'";
        }
        String module = p.moduleSpecifier();
        if (module == null || !module.matches("creact/[a-z][a-z0-9-]*")) {
            return "its module " + module + " is not of the form creact/<name>";
        }
        if (modules.contains(module)) {
            return "its module " + module + " is already served";
        }
        var exports = new java.util.HashSet<String>();
        for (ConstructDeclaration c : p.constructs()) {
            if (!c.type().startsWith(name + ":")) {
                return "its construct type " + c.type() + " does not start with '" + name + ":'";
            }
            if (!exports.add(c.exportName())) {
                return "it exports " + c.exportName() + " twice";
            }
        }
        return null;
    }

    /** The plugin serving {@code specifier}, if any. */
    public static java.util.Optional<ProviderPlugin> byModule(String specifier) {
        return all().values().stream().filter(p -> p.moduleSpecifier().equals(specifier)).findFirst();
    }

    /**
     * The JavaScript of a plugin's module: one {@code defineConstruct} per declared construct, with its
     * schema, so the schema has one source (the plugin's Java declaration).
     */
    public static String moduleSource(ProviderPlugin plugin) {
        var sb = new StringBuilder();
        sb.append("// ").append(plugin.moduleSpecifier()).append(": constructs of the ").append(plugin.name())
                .append(" provider, generated from its plugin's declarations.\n");
        sb.append("import { defineConstruct } from \"creact\";\n");
        for (ConstructDeclaration c : plugin.constructs()) {
            if (!c.description().isEmpty()) {
                sb.append("\n/** ").append(c.description().replace("*/", "* /")).append(" */");
            }
            sb.append("\nexport const ").append(c.exportName()).append(" = defineConstruct(")
                    .append(Json.write(Json.mapper().getNodeFactory().textNode(c.type()))).append(", ")
                    .append(Json.write(c.schema().toJson())).append(");\n");
        }
        if (!plugin.moduleExtras().isEmpty()) {
            sb.append('\n').append(plugin.moduleExtras());
        }
        return sb.toString();
    }

    /**
     * Makes the providers of every plugin, each with its settings from {@code configured} (the
     * configuration's {@code providers} object). A settings entry for no known provider, or a setting a
     * plugin does not declare, is an {@link IllegalArgumentException} with a suggestion.
     */
    public static List<Provider> open(Path projectRoot, Map<String, JsonNode> configured) {
        return open(projectRoot, configured, "dev", plugin -> ResourceStore.inMemory());
    }

    /**
     * As {@link #open(Path, Map)}, for a command on {@code stack}, each provider with the store
     * {@code stores} gives for its name. A provider whose class breaks the {@link OrchestrationContract} is
     * refused ({@link IllegalArgumentException} naming the rule).
     */
    public static List<Provider> open(Path projectRoot, Map<String, JsonNode> configured, String stack,
                                      java.util.function.Function<String, ResourceStore> stores) {
        return open(projectRoot, configured, stack, stores, ChildApps.UNAVAILABLE);
    }

    /** As {@link #open(Path, Map, String, java.util.function.Function)}, with what the engine offers nested apps. */
    public static List<Provider> open(Path projectRoot, Map<String, JsonNode> configured, String stack,
                                      java.util.function.Function<String, ResourceStore> stores, ChildApps apps) {
        var plugins = all();
        checkSettings(configured);
        var providers = new ArrayList<Provider>();
        try {
            for (ProviderPlugin p : plugins.values()) {
                JsonNode settings = configured.get(p.name());
                Provider provider = p.open(new ProviderContext(projectRoot, checkedSettings(p, settings), stack,
                        stores.apply(p.name()), apps));
                providers.add(provider);
                String broken = OrchestrationContract.violation(provider.getClass());
                if (broken != null) {
                    throw new IllegalArgumentException("provider " + p.name() + " (" + provider.getClass().getName()
                            + ") is refused: " + broken);
                }
            }
        } catch (RuntimeException e) {
            providers.forEach(Provider::close);
            throw e;
        }
        return providers;
    }

    /** Checks the configuration's {@code providers} object against the plugins, without opening anything. */
    public static void checkSettings(Map<String, JsonNode> configured) {
        var plugins = all();
        for (var e : configured.entrySet()) {
            var plugin = plugins.get(e.getKey());
            if (plugin == null) {
                throw new IllegalArgumentException("creact.config: no provider named '" + e.getKey() + "'"
                        + Suggestions.didYouMean(e.getKey(), plugins.keySet()) + "; the providers are "
                        + String.join(", ", new TreeSet<>(plugins.keySet())));
            }
            checkedSettings(plugin, e.getValue());
        }
    }

    private static ObjectNode checkedSettings(ProviderPlugin p, JsonNode settings) {
        if (settings == null || settings.isNull()) {
            return Json.mapper().createObjectNode();
        }
        if (!settings.isObject()) {
            throw new IllegalArgumentException("creact.config: the settings of provider '" + p.name()
                    + "' must be an object, not " + settings.getNodeType().name().toLowerCase());
        }
        var allowed = p.settings().keySet();
        settings.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("creact.config: unknown setting '" + name + "' of provider '"
                        + p.name() + "'" + Suggestions.didYouMean(name, allowed)
                        + (allowed.isEmpty() ? "; it takes no settings" : "; its settings are "
                        + String.join(", ", new TreeSet<>(allowed))));
            }
        });
        return (ObjectNode) settings;
    }
}
