package dev.creact.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a construct type accepts and produces: declared by a provider plugin for its types, or in user
 * code with {@code defineConstruct(type, schema)}.
 *
 * @param type                construct type such as {@code local:File}
 * @param props               declared props by name
 * @param outputs             names of the outputs a deploy produces
 * @param sensitiveOutputs    the outputs whose values are secret (stored encrypted, shown as "(sensitive)")
 * @param additionalProps     whether props not declared are accepted
 * @param additionalOutputs   whether outputs not listed may exist (reading one is then no error)
 * @param createBeforeDestroy whether a replacement creates the new resource before deleting the old
 */
public record ConstructSchema(String type, Map<String, PropSpec> props, List<String> outputs,
                              Set<String> sensitiveOutputs, boolean additionalProps, boolean additionalOutputs,
                              boolean createBeforeDestroy) {

    /**
     * One declared prop.
     *
     * @param type      "string", "number", "boolean", "object", "array", "any", or a union such as "string|number"
     * @param required  whether it must be given
     * @param replaces  whether a change replaces the resource instead of updating it
     * @param safe      whether an update of it is safe to apply without asking (null: not declared)
     * @param sensitive whether its value is secret (never shown; given as a {@code secret()} reference)
     * @param exclusive whether at most one resource of this type, across the project's stacks, may have a given
     *                  value (a local file's path: two stacks must not manage one file)
     */
    public record PropSpec(String type, boolean required, boolean replaces, Boolean safe, boolean sensitive,
                           boolean exclusive) {
        public PropSpec(String type, boolean required, boolean replaces, Boolean safe) {
            this(type, required, replaces, safe, false, false);
        }

        public PropSpec(String type, boolean required, boolean replaces, Boolean safe, boolean sensitive) {
            this(type, required, replaces, safe, sensitive, false);
        }

        /** The same prop, exclusive across stacks. */
        public PropSpec asExclusive() {
            return new PropSpec(type, required, replaces, safe, sensitive, true);
        }
    }

    public ConstructSchema {
        props = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(props));
        outputs = List.copyOf(outputs);
        sensitiveOutputs = Set.copyOf(sensitiveOutputs);
    }

    /**
     * Props in the order a plugin declares them, from name and spec pairs: {@code props("path", required,
     * "content", optional)}. The order is the one declarations and {@code creact info} show.
     */
    public static LinkedHashMap<String, PropSpec> props(Object... pairs) {
        var map = new LinkedHashMap<String, PropSpec>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (PropSpec) pairs[i + 1]);
        }
        return map;
    }

    public ConstructSchema(String type, Map<String, PropSpec> props, List<String> outputs, boolean additionalProps,
                           boolean createBeforeDestroy) {
        this(type, props, outputs, Set.of(), additionalProps, false, createBeforeDestroy);
    }

    /** The same schema with outputs not listed allowed (a construct that echoes its props, say). */
    public ConstructSchema withAdditionalOutputs() {
        return new ConstructSchema(type, props, outputs, sensitiveOutputs, additionalProps, true, createBeforeDestroy);
    }

    /** Reads the schema as {@code defineConstruct} normalises it (the runtime sends it back with each render). */
    public static ConstructSchema fromJson(String type, JsonNode json) {
        var props = new LinkedHashMap<String, PropSpec>();
        json.path("props").properties().forEach(e -> {
            JsonNode p = e.getValue();
            props.put(e.getKey(), new PropSpec(p.path("type").asText("any"), p.path("required").asBoolean(false),
                    p.path("replaces").asBoolean(false), p.path("safe").isBoolean() ? p.path("safe").asBoolean() : null,
                    p.path("sensitive").asBoolean(false), p.path("exclusive").asBoolean(false)));
        });
        var outputs = new java.util.ArrayList<String>();
        var sensitive = new TreeSet<String>();
        json.path("outputs").forEach(o -> outputs.add(o.asText()));
        json.path("sensitiveOutputs").forEach(o -> sensitive.add(o.asText()));
        return new ConstructSchema(type, props, outputs, sensitive, json.path("additionalProps").asBoolean(true),
                json.path("additionalOutputs").asBoolean(false), json.path("createBeforeDestroy").asBoolean(false));
    }

    /** The schema as {@code defineConstruct} takes it. */
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        ObjectNode p = json.putObject("props");
        props.forEach((name, spec) -> {
            ObjectNode s = p.putObject(name);
            s.put("type", spec.type());
            if (spec.required()) {
                s.put("required", true);
            }
            if (spec.replaces()) {
                s.put("replaces", true);
            }
            if (spec.safe() != null) {
                s.put("safe", spec.safe());
            }
            if (spec.sensitive()) {
                s.put("sensitive", true);
            }
            if (spec.exclusive()) {
                s.put("exclusive", true);
            }
        });
        var out = json.putArray("outputs");
        outputs.forEach(out::add);
        if (!sensitiveOutputs.isEmpty()) {
            var so = json.putArray("sensitiveOutputs");
            new TreeSet<>(sensitiveOutputs).forEach(so::add);
        }
        json.put("additionalProps", additionalProps);
        if (additionalOutputs) {
            json.put("additionalOutputs", true);
        }
        if (createBeforeDestroy) {
            json.put("createBeforeDestroy", true);
        }
        return json;
    }
}
