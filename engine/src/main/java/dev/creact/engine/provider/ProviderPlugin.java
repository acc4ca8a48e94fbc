package dev.creact.engine.provider;

import java.util.List;
import java.util.Map;

/**
 * A provider as one unit, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.creact.engine.provider.ProviderPlugin}): its name, the construct types it
 * offers with their schemas, the module user code imports them from and that module's TypeScript
 * declarations, the settings it accepts, and how to make the provider. {@code creact init}, the module
 * loader, validation, the router and {@code creact info} all learn of a provider from its plugin alone.
 *
 * <p>A plugin only describes and makes; the {@link Provider} it makes only creates, reads, updates and
 * deletes one resource at a time. Nothing here reaches ordering, retries, state or rollback.
 */
public interface ProviderPlugin {
    /** Short name, as in configuration and {@code creact info}: {@code local}, {@code aws}. */
    String name();

    /** One sentence for {@code creact info}. */
    default String description() {
        return "";
    }

    /** The module user code imports the constructs from: {@code creact/local}. */
    String moduleSpecifier();

    /** The construct types it offers, in the order the module exports them. */
    List<ConstructDeclaration> constructs();

    /**
     * The construct types its provider handles, as router patterns ({@code local:*} also takes user
     * constructs of that provider). By default exactly the declared types.
     */
    default java.util.Set<String> typePatterns() {
        var types = new java.util.TreeSet<String>();
        constructs().forEach(c -> types.add(c.type()));
        return types;
    }

    /** What its provider can do, for {@code creact info}: {@code create}, {@code read}, {@code update}, {@code delete}, {@code import}. */
    default java.util.Set<String> capabilities() {
        return java.util.Set.of("create", "read", "update", "delete");
    }

    /** The TypeScript declarations of {@link #moduleSpecifier()} (written by {@code creact init}). */
    String typeScriptDeclarations();

    /**
     * JavaScript appended to the generated module after the constructs (hooks and components that go with
     * them, such as {@code creact/app}'s {@code useAppContext}); it may import from {@code creact}. Empty by default.
     */
    default String moduleExtras() {
        return "";
    }

    /** The settings it accepts under {@code "providers": {"<name>": {…}}}, each with what it means. */
    default Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Makes the provider with {@code context}'s settings (already known to be among {@link #settings()}).
     *
     * @throws IllegalArgumentException when a setting's value is wrong (the message names it)
     */
    Provider open(ProviderContext context);
}
