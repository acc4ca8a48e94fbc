package dev.creact.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which outputs of a deployed resource its provider marked sensitive at deploy time (a Terraform module's
 * {@code sensitive = true} outputs), beyond those its construct schema declares: the provider lists them
 * under {@code sensitiveOutputs} in its data. Whatever shows outputs to people (the editor's hover) shows
 * these as {@value #MASK}.
 */
public final class SensitiveOutputs {
    public static final String MASK = "(sensitive)";

    private SensitiveOutputs() {
    }

    public static Set<String> of(Node node) {
        var out = new TreeSet<String>();
        JsonNode listed = node == null || node.state() == null ? null : node.state().get("sensitiveOutputs");
        if (listed != null && listed.isArray()) {
            listed.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
