package dev.creact.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.OutputRef;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PropChange;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan as clients see it ({@code creact plan --json}, the language server's {@code creact.plan}):
 * {@code formatVersion}, {@code stack}, {@code stateSerial}, {@code summary}, {@code changes} (each with
 * {@code id, type, action, before, after, changedPaths, source}, its safety ({@code safe} or {@code unsafe}, with
 * the reason; the summary counts both), the changed values, replacement reasons
 * and the paths whose values are known only after deploy; for a resource an external tool manages, its
 * {@code inner} plan: {@code tool}, {@code changes} of {@code address, action, reason}, {@code summary},
 * {@code note}), {@code order}, {@code batches}, {@code moves}, and {@code outputChanges} when a stack
 * output changes.
 */
public final class PlanDocument {
    /** How a value not known until deploy is shown to people. */
    public static final String UNKNOWN = "(known after deploy)";

    private PlanDocument() {
    }

    public static ObjectNode toJson(Plan plan) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("formatVersion", Plan.FORMAT_VERSION);
        doc.put("stack", plan.stack());
        doc.put("stateSerial", plan.stateSerial());
        var cs = plan.changeSet();
        ObjectNode summary = doc.putObject("summary");
        summary.put("create", cs.creates().size());
        summary.put("update", cs.updates().size());
        summary.put("replace", cs.replaces().size());
        summary.put("delete", cs.deletes().size());
        summary.put("unchanged", cs.unchanged().size());
        long safe = cs.all().stream().filter(Change::isSafe).count();
        summary.put("safe", safe);
        summary.put("unsafe", cs.size() - safe);
        ArrayNode changes = doc.putArray("changes");
        for (String id : plan.order()) {
            cs.all().stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(c -> {
                ObjectNode change = change(c);
                InnerPlan inner = plan.inner().get(id);
                if (inner != null) {
                    change.set("inner", Json.tree(inner));
                }
                changes.add(change);
            });
        }
        ArrayNode order = doc.putArray("order");
        plan.order().forEach(order::add);
        ArrayNode batches = doc.putArray("batches");
        for (List<String> b : plan.batches()) {
            ArrayNode batch = batches.addArray();
            b.forEach(batch::add);
        }
        doc.set("moves", Json.tree(cs.moves()));
        if (!plan.drift().isEmpty()) {
            ArrayNode drift = doc.putArray("drift");
            for (Drift d : plan.drift()) {
                ObjectNode o = drift.addObject();
                o.put("id", d.id());
                o.put("type", d.type());
                o.put("kind", d.kind().name().toLowerCase(java.util.Locale.ROOT));
                o.set("changed", Json.tree(d.changed()));
                o.put("message", d.describe());
                o.set("source", d.source() == null ? null : Json.tree(d.source()));
            }
        }
        if (!plan.outputChanges().isEmpty()) {
            ArrayNode outputs = doc.putArray("outputChanges");
            for (PropChange o : plan.outputChanges()) {
                ObjectNode c = outputs.addObject();
                c.put("name", o.path());
                c.set("before", o.before());
                c.set("after", o.after());
                c.put("afterShown", display(o.after()));
            }
        }
        return doc;
    }

    static ObjectNode change(Change c) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", c.id());
        o.put("type", c.type());
        o.put("action", c.action().word());
        if (c.safety() != null) {
            o.put("safety", c.safety().level().word());
            o.put("safetyReason", c.safety().reason());
        }
        o.set("before", c.before() == null ? null : c.before());
        o.set("after", c.after() == null ? null : c.after());
        ArrayNode paths = o.putArray("changedPaths");
        c.changedPaths().forEach(paths::add);
        ArrayNode values = o.putArray("changedValues");
        for (PropChange p : c.changedProps()) {
            ObjectNode v = values.addObject();
            v.put("path", p.path());
            v.set("before", p.before());
            v.set("after", p.after());
            v.put("forcesReplacement", p.forcesReplacement());
            if (SecretRef.isVersionPath(p.path())) {
                v.put("secretChanged", true);
            }
        }
        if (!c.replaceReasons().isEmpty()) {
            ArrayNode reasons = o.putArray("replaceReasons");
            c.replaceReasons().forEach(reasons::add);
        }
        ArrayNode unknown = o.putArray("unknownPaths");
        if (c.after() != null) {
            unknownPaths("", c.after(), unknown);
        }
        o.set("source", c.source() == null ? null : Json.tree(c.source()));
        return o;
    }

    private static void unknownPaths(String path, JsonNode value, ArrayNode out) {
        if (value.isTextual()) {
            if (!OutputRef.findIn(value.asText()).isEmpty()) {
                out.add(path);
            }
        } else if (value.isObject()) {
            value.properties().forEach(e -> unknownPaths(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                unknownPaths(path + "[" + i + "]", value.get(i), out);
            }
        }
    }

    /**
     * A value as people read it in a plan: JSON, with every reference to an output not known yet shown
     * as {@value #UNKNOWN}.
     */
    public static String display(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "(none)";
        }
        if (SecretRef.is(value)) {
            return SecretRef.display(value);
        }
        if (value.isTextual()) {
            String text = value.asText();
            var refs = OutputRef.findIn(text);
            if (refs.size() == 1 && refs.getFirst().token().equals(text)) {
                return UNKNOWN;
            }
            String shown = Json.write(value);
            for (var r : refs) {
                shown = shown.replace(r.token(), UNKNOWN);
            }
            return shown;
        }
        String shown = Json.write(value);
        for (var r : new ArrayList<>(OutputRef.findIn(shown))) {
            shown = shown.replace("\"" + r.token() + "\"", UNKNOWN).replace(r.token(), UNKNOWN);
        }
        return shown;
    }
}
