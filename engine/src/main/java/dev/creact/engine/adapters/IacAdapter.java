package dev.creact.engine.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.ProviderPlugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An IaC adapter: a provider plugin whose resources are artefacts of another tool (a Terraform module, a
 * Helm chart), deployed by running that tool. Beyond a plugin it reads the artefact at build time
 * ({@link #load}), so its inputs are checked before anything runs, materialises one resource at a time
 * ({@link #materialize}) and turns the tool's outputs into creact outputs ({@link #mapOutputs}).
 *
 * <p>Extend {@link BaseAdapter}: it turns these methods into a provider, and is the only way an adapter's
 * work reaches the deployer (an adapter that does not extend it is refused when registered). An adapter
 * materialises; ordering, retries, state and rollback are creact's.
 */
public interface IacAdapter extends ProviderPlugin, DeclarationLoader {
    /** Name, version and the artefact formats it reads ({@code hcl}, {@code tf.json}). */
    record Metadata(String name, String version, List<String> supportedFormats) {
        public Metadata {
            supportedFormats = List.copyOf(supportedFormats);
        }
    }

    /**
     * What it can do here.
     *
     * @param tool          the external tool it runs
     * @param toolVersion   the tool's version found here, or empty when the tool is missing
     * @param innerPlans    whether it shows the tool's own plan inside a resource
     * @param buildChecks   what it checks at build time
     */
    record Capabilities(String tool, Optional<String> toolVersion, boolean innerPlans, List<String> buildChecks) {
        public Capabilities {
            buildChecks = List.copyOf(buildChecks);
        }
    }

    Metadata metadata();

    Capabilities describeCapabilities();

    /**
     * Reads the artefact at {@code source} (a folder inside the project): its inputs with their types and
     * which are required, its outputs, and a digest of its files. {@code options} are the declaration's
     * props.
     *
     * @throws AdapterError when it cannot be read (the message says what is wrong with it)
     */
    Artifact load(Path source, ObjectNode options) throws AdapterError;

    /**
     * Creates, updates or deletes one resource by running the tool (or, for {@code INSPECT}, finds out
     * whether it exists). Returns the tool's outputs and what to keep for next time; empty for a delete, or
     * for an inspect that found nothing.
     */
    Optional<Materialized> materialize(Materialization m) throws AdapterError;

    /** The tool's outputs (as it prints them) as creact outputs, by name. */
    ObjectNode mapOutputs(JsonNode external);

    /**
     * What one materialisation left.
     *
     * @param external     the tool's outputs as it printed them (for {@link #mapOutputs})
     * @param providerData what the next call needs (kept in creact's state, never shown)
     */
    record Materialized(JsonNode external, JsonNode providerData) {
    }
}
