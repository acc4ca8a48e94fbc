package dev.creact.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.provider.ConstructDeclaration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a provider program says of itself in answer to {@code describe}: a sentence, its construct types
 * (export name, type, schema, a sentence each, and a sentence per prop for the TypeScript declarations),
 * and the settings it takes.
 */
record Description(String description, List<ConstructDeclaration> constructs, Map<String, Map<String, String>> propDocs,
                   Map<String, String> settings) {
    Description {
        constructs = List.copyOf(constructs);
        propDocs = Map.copyOf(propDocs);
        settings = Map.copyOf(settings);
    }

    /**
     * Reads a {@code describe} answer.
     *
     * @throws IllegalArgumentException naming the construct or field that is wrong
     */
    static Description parse(String label, String name, JsonNode answer) {
        String where = "provider " + label + " described itself wrongly: ";
        if (!answer.isObject()) {
            throw new IllegalArgumentException(where + "describe must answer an object, not " + answer.getNodeType());
        }
        var constructs = new ArrayList<ConstructDeclaration>();
        var docs = new LinkedHashMap<String, Map<String, String>>();
        JsonNode list = answer.path("constructs");
        if (!list.isArray()) {
            throw new IllegalArgumentException(where + "\"constructs\" must be a list");
        }
        for (JsonNode c : list) {
            String exportName = c.path("name").asText("");
            String type = c.path("type").asText(name + ":" + exportName);
            if (!type.startsWith(name + ":")) {
                throw new IllegalArgumentException(where + "construct type " + type + " must start with '" + name
                        + ":' (the provider's name in creact.config)");
            }
            if (!c.path("props").isMissingNode() && !c.path("props").isObject()) {
                throw new IllegalArgumentException(where + type + ": \"props\" must be an object");
            }
            ObjectNode schemaJson = c.deepCopy();
            if (!schemaJson.has("additionalProps")) {
                schemaJson.put("additionalProps", false);
            }
            var props = new LinkedHashMap<String, String>();
            c.path("props").properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    // the short form {"size": "number"}, as defineConstruct takes it
                    schemaJson.with("props").putObject(e.getKey()).put("type", e.getValue().asText());
                }
                props.put(e.getKey(), e.getValue().path("description").asText(""));
            });
            try {
                constructs.add(new ConstructDeclaration(exportName, ConstructSchema.fromJson(type, schemaJson),
                        c.path("description").asText("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + type + ": " + e.getMessage());
            }
            docs.put(type, props);
        }
        var settings = new LinkedHashMap<String, String>();
        JsonNode s = answer.path("settings");
        if (!s.isMissingNode() && !s.isObject()) {
            throw new IllegalArgumentException(where + "\"settings\" must be an object of setting name to what it means");
        }
        s.properties().forEach(e -> {
            if (ExternalProviderSpec.OWN_KEYS.containsKey(e.getKey())) {
                throw new IllegalArgumentException(where + "its setting '" + e.getKey() + "' is one of creact's own keys ("
                        + String.join(", ", new java.util.TreeSet<>(ExternalProviderSpec.OWN_KEYS.keySet())) + ")");
            }
            settings.put(e.getKey(), e.getValue().asText(""));
        });
        return new Description(answer.path("description").asText(""), constructs, docs, settings);
    }
}
