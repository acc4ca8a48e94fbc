package dev.creact.engine.adapters.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.adapters.AdapterError;
import dev.creact.engine.adapters.Artifact;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Terraform module's interface from its folder: every {@code variable} block (type, whether it has
 * a default, {@code sensitive}, description) and every {@code output} block ({@code sensitive},
 * description), from {@code *.tf} files (parsed by hcl4j) and {@code *.tf.json} files (Terraform's JSON
 * syntax, parsed by Jackson). The rest of the module is Terraform's business.
 */
final class TerraformModuleReader {
    private TerraformModuleReader() {
    }

    record ModuleInterface(Map<String, Artifact.Input> variables, Map<String, Artifact.Output> outputs) {
    }

    static ModuleInterface read(Path folder, List<Path> files) throws AdapterError {
        var variables = new LinkedHashMap<String, Artifact.Input>();
        var outputs = new LinkedHashMap<String, Artifact.Output>();
        boolean any = false;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (!folder.equals(f.getParent())) {
                continue; // a nested module's files are not this module's interface
            }
            Map<String, Object> blocks;
            if (name.endsWith(".tf.json")) {
                blocks = json(f);
            } else if (name.endsWith(".tf")) {
                blocks = hcl(f);
            } else {
                continue;
            }
            any = true;
            section(blocks, "variable").forEach((var, body) -> variables.put(var, new Artifact.Input(type(body.get("type")),
                    !body.containsKey("default"), truthy(body.get("sensitive")), text(body.get("description")))));
            section(blocks, "output").forEach((out, body) -> outputs.put(out,
                    new Artifact.Output(truthy(body.get("sensitive")), text(body.get("description")))));
        }
        if (!any) {
            throw AdapterError.permanent("terraform", folder + " has no Terraform files (*.tf or *.tf.json)");
        }
        return new ModuleInterface(variables, outputs);
    }

    private static Map<String, Object> hcl(Path f) throws AdapterError {
        try {
            return new InertHclParser().parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (Exception e) { // hcl4j reports syntax errors as its own checked and unchecked exceptions
            throw AdapterError.permanent("terraform", f.getFileName() + ": cannot be read as HCL: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path f) throws AdapterError {
        try {
            JsonNode tree = Json.mapper().readTree(Files.readString(f, StandardCharsets.UTF_8));
            return Json.mapper().convertValue(tree, Map.class);
        } catch (IOException | IllegalArgumentException e) {
            throw AdapterError.permanent("terraform", f.getFileName() + ": is not valid JSON: " + e.getMessage());
        }
    }

    /** {@code variable "x" {…}} blocks as name → body (JSON syntax also allows a list of bodies). */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(Map<String, Object> blocks, String kind) {
        var out = new LinkedHashMap<String, Map<String, Object>>();
        Object section = blocks.get(kind);
        if (section instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                Object body = v instanceof List<?> list && !list.isEmpty() ? list.getFirst() : v;
                out.put(String.valueOf(k), body instanceof Map<?, ?> b ? (Map<String, Object>) b : Map.of());
            });
        }
        return out;
    }

    /**
     * A variable's type in Terraform's words. hcl4j gives its primitive type objects ({@code
     * StringPrimitiveType:string}); JSON syntax gives the expression as a string ({@code "list(string)"}).
     */
    private static String type(Object type) {
        if (type == null) {
            return "any";
        }
        String text = type.toString();
        int colon = text.indexOf("PrimitiveType:");
        if (colon >= 0) {
            text = text.substring(colon + "PrimitiveType:".length());
        }
        text = text.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("${") && text.endsWith("}")) {
            text = text.substring(2, text.length() - 1);
        }
        return text.equals("boolean") ? "bool" : text;
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString());
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
