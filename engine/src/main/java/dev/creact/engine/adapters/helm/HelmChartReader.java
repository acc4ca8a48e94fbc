package dev.creact.engine.adapters.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.creact.engine.adapters.AdapterError;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a local Helm chart: {@code Chart.yaml} (it must be there, with a name), {@code values.yaml} (the
 * defaults) and {@code values.schema.json} when the chart has one, and checks values against that schema the
 * way helm does: the chart's defaults merged with the given values. Manifests in a release are YAML
 * documents; {@link #resourceNames} lists them as {@code Kind/name}.
 */
final class HelmChartReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

    record Chart(String name, String version, ObjectNode defaults, JsonNode schema) {
    }

    private HelmChartReader() {
    }

    static Chart read(Path folder) throws AdapterError {
        Path chartYaml = folder.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw AdapterError.permanent("helm", folder + " is not a Helm chart: it has no Chart.yaml");
        }
        JsonNode chart = yaml(chartYaml);
        if (!chart.path("name").isTextual()) {
            throw AdapterError.permanent("helm", chartYaml + ": has no name");
        }
        Path valuesYaml = folder.resolve("values.yaml");
        JsonNode defaults = Files.isRegularFile(valuesYaml) ? yaml(valuesYaml) : null;
        Path schemaFile = folder.resolve("values.schema.json");
        JsonNode schema = null;
        if (Files.isRegularFile(schemaFile)) {
            try {
                schema = Json.mapper().readTree(Files.readString(schemaFile));
            } catch (IOException e) {
                throw AdapterError.permanent("helm", schemaFile + ": is not valid JSON: " + e.getMessage());
            }
        }
        return new Chart(chart.path("name").asText(), chart.path("version").asText(""),
                defaults instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode(), schema);
    }

    /** What the chart's schema says is wrong with {@code values} over its defaults (empty: nothing, or no schema). */
    static List<String> schemaErrors(Chart chart, ObjectNode values) {
        if (chart.schema() == null) {
            return List.of();
        }
        Schema schema = SCHEMAS.getSchema(Json.write(chart.schema()));
        ObjectNode merged = merge(chart.defaults().deepCopy(), values);
        var out = new ArrayList<String>();
        for (Error e : schema.validate(merged)) {
            String at = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            at = at.equals("$") || at.isEmpty() ? "values" : at.replaceFirst("^\\$", "values");
            out.add(at + ": " + e.getMessage());
        }
        return out;
    }

    /** Helm's coalescing: maps merge key by key, anything else replaces. */
    static ObjectNode merge(ObjectNode base, JsonNode over) {
        over.properties().forEach(e -> {
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue().isObject()) {
                merge(eo, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return base;
    }

    /** {@code Kind/name} of every object in a release manifest (YAML documents), in order. */
    static List<String> resourceNames(String manifest) {
        var out = new ArrayList<String>();
        if (manifest == null || manifest.isBlank()) {
            return out;
        }
        try (var parser = YAML.getFactory().createParser(manifest)) {
            var docs = YAML.readValues(parser, JsonNode.class);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.has("kind")) {
                    out.add(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            // a manifest we cannot read is still deployed; its names are just not listed
        }
        return out;
    }

    private static JsonNode yaml(Path file) throws AdapterError {
        try {
            JsonNode tree = YAML.readTree(Files.readString(file));
            return tree == null ? JsonNodeFactory.instance.objectNode() : tree;
        } catch (IOException e) {
            throw AdapterError.permanent("helm", file + ": is not valid YAML: " + e.getMessage());
        }
    }
}
