package dev.creact.engine.adapters;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An external artefact as an adapter read it: a Terraform module's variables and outputs, a Helm chart's
 * values and their schema. Read at build time, so wrong inputs are build errors.
 *
 * @param source  the artefact's folder
 * @param inputs  what it takes, by name
 * @param outputs what it gives, by name
 * @param digest  SHA-256 over its files (names and contents, in name order): changes when any file does
 */
public record Artifact(Path source, Map<String, Input> inputs, Map<String, Output> outputs, String digest) {
    /**
     * One input.
     *
     * @param type        its type in the tool's words ({@code string}, {@code number}, {@code list(string)},
     *                    {@code any}); see {@link InputTypes}
     * @param required    whether it has no default
     * @param sensitive   whether its value is secret (masked in every message)
     * @param description the artefact's own description, or empty
     */
    public record Input(String type, boolean required, boolean sensitive, String description) {
    }

    /** One output: whether the tool marks it sensitive, and its description. */
    public record Output(boolean sensitive, String description) {
    }

    public Artifact {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
}
