package dev.creact.engine.provider;

import dev.creact.engine.model.ConstructSchema;

/**
 * One construct a provider plugin offers to user code: the name it is exported under from the plugin's
 * module ({@code LocalFile} from {@code creact/local}), its schema (props with which are required, safe for
 * hot reload, force a replacement or are sensitive; outputs), and a sentence for people.
 */
public record ConstructDeclaration(String exportName, ConstructSchema schema, String description) {
    public ConstructDeclaration {
        if (exportName == null || !exportName.matches("[A-Z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("construct export names are PascalCase identifiers, not " + exportName);
        }
        java.util.Objects.requireNonNull(schema, "schema");
        description = description == null ? "" : description;
    }

    public String type() {
        return schema.type();
    }
}
