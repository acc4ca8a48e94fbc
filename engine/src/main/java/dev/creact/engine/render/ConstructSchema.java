package dev.creact.engine.render;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a construct type accepts and produces, as declared with {@code defineConstruct(type, schema)}.
 *
 * @param type                construct type such as {@code local:File}
 * @param props               declared props by name
 * @param outputs             names of the outputs a deploy produces
 * @param additionalProps     whether props not declared are accepted
 * @param createBeforeDestroy whether a replacement creates the new resource before deleting the old
 */
public record ConstructSchema(String type, Map<String, PropSpec> props, List<String> outputs,
                              boolean additionalProps, boolean createBeforeDestroy) {

    /**
     * One declared prop.
     *
     * @param type     "string", "number", "boolean", "object", "array", "any", or a union such as "string|number"
     * @param required whether it must be given
     * @param replaces whether a change replaces the resource instead of updating it
     * @param safe     whether an update of it is safe to apply without asking (null: not declared)
     */
    public record PropSpec(String type, boolean required, boolean replaces, Boolean safe) {
    }

    public ConstructSchema {
        props = Map.copyOf(props);
        outputs = List.copyOf(outputs);
    }

    static ConstructSchema fromJson(String type, JsonNode json) {
        var props = new LinkedHashMap<String, PropSpec>();
        json.path("props").properties().forEach(e -> {
            JsonNode p = e.getValue();
            props.put(e.getKey(), new PropSpec(p.path("type").asText("any"), p.path("required").asBoolean(false),
                    p.path("replaces").asBoolean(false), p.path("safe").isBoolean() ? p.path("safe").asBoolean() : null));
        });
        var outputs = new java.util.ArrayList<String>();
        json.path("outputs").forEach(o -> outputs.add(o.asText()));
        return new ConstructSchema(type, props, outputs, json.path("additionalProps").asBoolean(true),
                json.path("createBeforeDestroy").asBoolean(false));
    }
}
