package dev.creact.intellij.status;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The counts of a plan ({@code summary} of the plan JSON {@code creact.plan} answers). */
public record PlanSummary(int create, int update, int replace, int delete, int unchanged) {

    /** The summary of a plan document, or null when the JSON is not one. */
    public static PlanSummary of(JsonElement plan) {
        if (plan == null || !plan.isJsonObject() || !plan.getAsJsonObject().has("summary")
                || !plan.getAsJsonObject().get("summary").isJsonObject()) {
            return null;
        }
        JsonObject s = plan.getAsJsonObject().getAsJsonObject("summary");
        return new PlanSummary(count(s, "create"), count(s, "update"), count(s, "replace"), count(s, "delete"),
                count(s, "unchanged"));
    }

    private static int count(JsonObject summary, String name) {
        JsonElement v = summary.get(name);
        return v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber() ? v.getAsInt() : 0;
    }

    /** The status bar's form: {@code +2 ~1 -/+0 -0}. */
    public String counts() {
        return "+" + create + " ~" + update + " -/+" + replace + " -" + delete;
    }

    /** The words: {@code 2 to create, 1 to update, 0 to replace, 0 to delete, 3 unchanged}. */
    public String describe() {
        return create + " to create, " + update + " to update, " + replace + " to replace, " + delete + " to delete, "
                + unchanged + " unchanged";
    }
}
