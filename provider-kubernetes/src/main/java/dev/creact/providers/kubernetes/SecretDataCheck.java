package dev.creact.providers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.model.SecretRef;
import dev.creact.engine.provider.DeclarationLoader.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * The build's rule for a Kubernetes Secret's {@code data} and {@code stringData}: every value is a
 * {@code secret("NAME")} reference (or a whole reference to another resource's output, whose value is
 * already in that resource's state, sealed when its provider marks it sensitive). A literal would be kept in
 * the state, the plans and the journal as it is written, so it is an error at the declaration, naming the
 * key and never the value. It covers the {@code Secret} construct and a {@code KubernetesManifest} of kind
 * {@code Secret}.
 */
final class SecretDataCheck {
    static final String CODE = "kubernetes-secret-literal";
    private static final List<String> FIELDS = List.of("data", "stringData");

    private SecretDataCheck() {
    }

    /** The findings for {@code object}, the Secret's props or manifest, of resource {@code id}. */
    static List<Finding> check(String id, JsonNode object) {
        var findings = new ArrayList<Finding>();
        for (String field : FIELDS) {
            JsonNode data = object.get(field);
            if (data == null || data.isNull() || !data.isObject()) {
                continue; // absent, or a type error the schema check reports
            }
            data.properties().forEach(e -> {
                if (!fromReference(e.getValue())) {
                    findings.add(new Finding(CODE, field + "." + e.getKey() + " of Secret '" + id
                            + "' is a literal value: a Secret's data must come from secret() references, so the value "
                            + "never reaches the state, plans, editor or logs",
                            "store it with `creact secrets set " + suggestedName(e.getKey()) + "` and write "
                                    + e.getKey() + ": secret(\"" + suggestedName(e.getKey()) + "\")"));
                }
            });
        }
        return findings;
    }

    private static boolean fromReference(JsonNode value) {
        if (SecretRef.is(value)) {
            return true;
        }
        if (value.isTextual()) {
            var refs = OutputRef.findIn(value.asText());
            return refs.size() == 1 && refs.getFirst().token().equals(value.asText());
        }
        return false;
    }

    /** A store name for a data key ({@code db-password} → {@code DB_PASSWORD}): a hint, not a rule. */
    static String suggestedName(String key) {
        String upper = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (upper.isEmpty()) {
            return "NAME";
        }
        return Character.isDigit(upper.charAt(0)) ? "S_" + upper : upper;
    }
}
