package dev.creact.engine.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Problem;

import java.util.List;

/**
 * How a deploy, resume, rollback or destroy ended, as clients see it ({@code creact deploy --json}, the
 * language server's {@code creact.deploy}): {@code formatVersion}, {@code stack}, {@code outcome},
 * {@code serial}, {@code cycles}, the ids {@code created}, {@code updated} and {@code deleted}, the
 * {@code failed} operations and the {@code problems}.
 */
public final class DeployDocument {
    private DeployDocument() {
    }

    public static ObjectNode toJson(String stack, DeployReport report) {
        return toJson(stack, report, report.problems());
    }

    /** The same, with the problems a client gathered (the server adds what it found itself). */
    public static ObjectNode toJson(String stack, DeployReport report, List<Problem> problems) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("formatVersion", 1);
        doc.put("stack", stack);
        doc.put("outcome", report.outcome().name().toLowerCase());
        doc.put("serial", report.serial());
        doc.put("cycles", report.plans().size());
        doc.set("created", Json.tree(report.created()));
        doc.set("updated", Json.tree(report.updated()));
        doc.set("deleted", Json.tree(report.deleted()));
        doc.set("failed", Json.tree(report.failed()));
        doc.set("problems", Json.tree(problems));
        return doc;
    }
}
