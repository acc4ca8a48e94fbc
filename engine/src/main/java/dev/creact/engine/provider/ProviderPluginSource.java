package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * Makes provider plugins from a project's configuration rather than from the class path: an external
 * provider is an entry of {@code "providers"} that names a program to run ({@code "acme": {"command": […]}}),
 * and what it offers is only known by asking that program. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.creact.engine.provider.ProviderPluginSource}); the plugins it makes are
 * checked by the same rules as those on the class path ({@link ProviderPlugins}).
 *
 * <p>An entry whose name is a class-path plugin's is that plugin's settings and never reaches a source.
 */
public interface ProviderPluginSource {
    /** Whether {@code entry} (the configuration's {@code providers.<name>}) is one this source makes a plugin of. */
    boolean claims(String name, JsonNode entry);

    /**
     * The plugin for {@code providers.<name>} of the project at {@code projectRoot}.
     *
     * @throws IllegalArgumentException when the entry is wrong or the program cannot describe itself (the
     *                                  message names the provider and what to fix)
     */
    ProviderPlugin plugin(Path projectRoot, String name, ObjectNode entry);
}
