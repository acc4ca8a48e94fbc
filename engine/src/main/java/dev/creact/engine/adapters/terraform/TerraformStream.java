package dev.creact.engine.adapters.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Terraform's machine-readable UI ({@code -json}: one JSON object per line): progress worth showing
 * (a resource created, changed, destroyed or failed, a provisioner's start, the final summary), its error
 * diagnostics with the module file and line they point at, and the planned changes of a {@code plan}.
 */
final class TerraformStream implements Consumer<String> {
    private static final Set<String> PROGRESS = Set.of("apply_start", "apply_progress", "apply_complete", "apply_errored",
            "provision_start", "provision_errored", "change_summary");
    private final Consumer<String> progress;
    private final List<String> errors = new ArrayList<>();
    private final List<InnerPlan.Change> planned = new ArrayList<>();
    private String summary;

    TerraformStream(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public void accept(String line) {
        JsonNode event;
        try {
            event = Json.mapper().readTree(line);
        } catch (java.io.IOException e) {
            return; // not one of terraform's JSON lines (a provider's stray output)
        }
        if (event == null || !event.isObject()) {
            return;
        }
        String type = event.path("type").asText();
        String message = event.path("@message").asText();
        if (PROGRESS.contains(type) && !message.isEmpty()) {
            progress.accept(message);
        }
        switch (type) {
            case "diagnostic" -> {
                JsonNode d = event.path("diagnostic");
                if ("error".equals(d.path("severity").asText())) {
                    errors.add(diagnostic(d));
                }
            }
            case "planned_change" -> {
                JsonNode c = event.path("change");
                String reason = c.path("reason").asText(null);
                planned.add(new InnerPlan.Change(c.path("resource").path("addr").asText()
                        .replaceFirst("^module\\." + TerraformWorkspace.MODULE + "\\.", ""), action(c.path("action").asText()),
                        reason == null ? null : reason.replace('_', ' ')));
            }
            case "change_summary" -> summary = message;
            default -> { }
        }
    }

    /** {@code Error: summary: detail (main.tf:3)}. */
    private static String diagnostic(JsonNode d) {
        var sb = new StringBuilder(d.path("summary").asText("error"));
        String detail = d.path("detail").asText("");
        if (!detail.isBlank()) {
            sb.append(": ").append(detail.strip().replaceAll("\\s*\\n\\s*", " "));
        }
        JsonNode range = d.path("range");
        if (range.has("filename")) {
            sb.append(" (").append(range.path("filename").asText()).append(':').append(range.path("start").path("line").asInt())
                    .append(')');
        }
        return sb.toString();
    }

    private static String action(String terraformAction) {
        return switch (terraformAction) {
            case "noop" -> "no-op";
            case "remove" -> "delete";
            default -> terraformAction;
        };
    }

    List<String> errors() {
        return errors;
    }

    /** The planned changes by address: terraform plans in parallel, so its own order changes from run to run. */
    List<InnerPlan.Change> planned() {
        return planned.stream().sorted(java.util.Comparator.comparing(InnerPlan.Change::address)).toList();
    }

    String summary() {
        return summary;
    }
}
