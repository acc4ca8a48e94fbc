package dev.creact.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What an external tool plans inside one resource of the plan: a Terraform module's own resource changes
 * (from {@code terraform plan -json}), shown nested under the module's change in {@code creact plan} and in
 * the editor's hover. Display only: a deploy applies the module, and the tool plans again as it applies.
 *
 * @param tool    the tool that planned it ({@code terraform})
 * @param changes its resource changes, in its order
 * @param summary its own summary line ({@code Plan: 2 to add, 0 to change, 0 to destroy.}), or null
 * @param note    why there are no changes to show, when there are none for a reason other than none
 *                being needed (an input known only after deploy, the tool missing), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InnerPlan(String tool, List<Change> changes, String summary, String note) {
    /**
     * One change the tool plans.
     *
     * @param address the tool's address of the resource ({@code terraform_data.subnet["a"]})
     * @param action  {@code create}, {@code update}, {@code replace}, {@code delete}, {@code read} or {@code no-op}
     * @param reason  why, when the tool says (for a replacement, the attribute that forces it), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String address, String action, String reason) {
    }

    public InnerPlan {
        changes = List.copyOf(changes == null ? List.of() : changes);
    }

    /** No changes shown, for {@code reason}. */
    public static InnerPlan unavailable(String tool, String reason) {
        return new InnerPlan(tool, List.of(), null, reason);
    }

    /**
     * The plan as lines for people: a heading ({@code terraform plans inside it:}), one line per change
     * ({@code + terraform_data.vpc}, with the reason in brackets), the tool's summary; or the note.
     */
    public List<String> lines() {
        var out = new java.util.ArrayList<String>();
        if (note != null) {
            out.add(tool + ": " + note);
            return out;
        }
        out.add(tool + " plans inside it:");
        for (Change c : changes) {
            if ("no-op".equals(c.action())) {
                continue;
            }
            out.add("  " + symbol(c.action()) + " " + c.address() + (c.reason() == null ? "" : " (" + c.reason() + ")"));
        }
        if (summary != null) {
            out.add("  " + summary);
        }
        return out;
    }

    /** {@code +} create, {@code ~} update, {@code -/+} replace, {@code -} delete, {@code <=} read. */
    public static String symbol(String action) {
        return switch (action) {
            case "create" -> "+";
            case "update" -> "~";
            case "replace" -> "-/+";
            case "delete" -> "-";
            case "read" -> "<=";
            default -> " ";
        };
    }
}
