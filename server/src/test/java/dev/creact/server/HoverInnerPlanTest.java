package dev.creact.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.InnerPlan;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.SourceSpan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Hover on a Terraform module shows the module's own plan")
class HoverInnerPlanTest {
    private final Node module = new Node("net", List.of(), "terraform:Module",
            JsonNodeFactory.instance.objectNode().put("source", "./modules/net"), List.of(), null, null,
            new SourceSpan("infrastructure.tsx", 4, 3));
    private final Change create = new Change("net", "terraform:Module", Action.CREATE, null, module.props(), List.of(),
            List.of(), module.source());

    @Test
    @DisplayName("each resource change terraform plans is a line of the hover, with its summary")
    void nestedChanges() {
        var inner = new InnerPlan("terraform", List.of(new InnerPlan.Change("terraform_data.vpc", "create", null),
                new InnerPlan.Change("terraform_data.subnet[\"a\"]", "replace", "cannot update")),
                "Plan: 2 to add, 0 to change, 1 to destroy.", null);
        String hover = HoverBuilder.describe(module, create, inner, null, false);
        assertTrue(hover.contains("terraform plans inside it:"), hover);
        assertTrue(hover.contains("+ terraform_data.vpc"), hover);
        assertTrue(hover.contains("-/+ terraform_data.subnet[\"a\"] (cannot update)"), hover);
        assertTrue(hover.contains("Plan: 2 to add, 0 to change, 1 to destroy."), hover);
    }

    @Test
    @DisplayName("outputs the provider marked sensitive are masked in the hover")
    void sensitiveOutputs() {
        var outputs = JsonNodeFactory.instance.objectNode().put("label", "net-1").put("token", "t-correct-horse");
        var data = JsonNodeFactory.instance.objectNode();
        data.putArray("sensitiveOutputs").add("token");
        var deployed = module.withOutputs(outputs, data);
        String hover = HoverBuilder.describe(module, null, null, deployed, false);
        assertTrue(hover.contains("`label`: `\"net-1\"`"), hover);
        assertTrue(hover.contains("`token`: `(sensitive)`"), hover);
        assertFalse(hover.contains("correct-horse"), hover);
    }

    @Test
    @DisplayName("a module whose plan is not known yet says why, and a resource without one shows none")
    void unavailable() {
        String waiting = HoverBuilder.describe(module, create,
                InnerPlan.unavailable("terraform", "its vars wait for outputs known only after deploy (ids#hex)"), null, false);
        assertTrue(waiting.contains("terraform: its vars wait for outputs known only after deploy (ids#hex)"), waiting);
        assertFalse(HoverBuilder.describe(module, create, null, null, false).contains("plans inside"), "no inner plan, no line");
    }
}
