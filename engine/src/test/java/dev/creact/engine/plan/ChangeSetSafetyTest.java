package dev.creact.engine.plan;

import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.PlanDocument;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.PropChange;
import dev.creact.engine.model.Safety;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Change safety: what dev mode may apply without asking")
class ChangeSetSafetyTest {
    /** Like a database construct: size and timeout are safe, the engine version is not, the rest undeclared. */
    private static final Map<String, Map<String, Boolean>> DECLARED = Map.of(
            "db:Instance", Map.of("memoryMb", true, "timeoutS", true, "engineVersion", false),
            "local:File", Map.of("content", true, "mode", true));

    private final ChangeSetSafety safety = new ChangeSetSafety(
            (type, prop) -> DECLARED.getOrDefault(type, Map.of()).get(prop));

    private static Change update(String type, String... paths) {
        ObjectNode empty = Json.mapper().createObjectNode();
        var props = java.util.Arrays.stream(paths).map(p -> new PropChange(p, null, null, false)).toList();
        return new Change("x", type, Action.UPDATE, empty, empty, props, List.of(), null);
    }

    private static Change of(Action action) {
        ObjectNode empty = Json.mapper().createObjectNode();
        return new Change("x", "local:File", action, action == Action.CREATE ? null : empty,
                action == Action.DELETE ? null : empty, List.of(), action == Action.REPLACE ? List.of("path changed") : List.of(), null);
    }

    @Test
    @DisplayName("creates, deletes and replacements are always unsafe, whatever the construct declares")
    void structuralChangesAreUnsafe() {
        for (Action a : List.of(Action.CREATE, Action.DELETE, Action.REPLACE)) {
            Safety s = safety.classify(of(a));
            assertFalse(s.isSafe(), a + " was classified safe");
        }
        assertEquals("replaces the resource (path changed)", safety.classify(of(Action.REPLACE)).reason());
    }

    @Test
    @DisplayName("an update is safe when every changed prop is declared safe, nested paths by their top-level prop")
    void declaredSafeUpdates() {
        Safety s = safety.classify(update("db:Instance", "memoryMb", "timeoutS"));
        assertTrue(s.isSafe());
        assertEquals("memoryMb, timeoutS are declared safe by db:Instance", s.reason());
        assertTrue(safety.classify(update("local:File", "content")).isSafe());
        assertTrue(safety.classify(update("db:Instance", "memoryMb", "dependsOn[0]")).isSafe(),
                "dependsOn only orders deploys");
    }

    @Test
    @DisplayName("one prop declared unsafe, or not declared at all, makes the whole update unsafe and is named")
    void unsafeUpdates() {
        Safety declaredUnsafe = safety.classify(update("db:Instance", "memoryMb", "engineVersion"));
        assertFalse(declaredUnsafe.isSafe());
        assertEquals("engineVersion is declared unsafe by db:Instance", declaredUnsafe.reason());
        Safety undeclared = safety.classify(update("db:Instance", "tags.env", "memoryMb"));
        assertFalse(undeclared.isSafe());
        assertEquals("tags is not declared safe by db:Instance", undeclared.reason());
        assertFalse(safety.classify(update("unknown:Type", "anything")).isSafe(), "a construct that says nothing is asked about");
    }

    @Test
    @DisplayName("the planner classifies every change of a plan from the construct rules it was given")
    void plannerClassifies() {
        var before = dom(file("f", "a", "1"), file("g", "b", "1"));
        var after = dom(file("f", "a", "2"), file("g", "c", "1"), file("h", "d", "1"));
        var planner = new Planner(type -> java.util.Set.of("path"), (type, prop) -> DECLARED.getOrDefault(type, Map.of()).get(prop));
        var plan = planner.plan("dev", 1, before, after, PlanOptions.NONE);
        var byId = new java.util.HashMap<String, Change>();
        plan.changeSet().all().forEach(c -> byId.put(c.id(), c));
        assertTrue(byId.get("f").isSafe());
        assertFalse(byId.get("g").isSafe(), "a path change replaces the file");
        assertFalse(byId.get("h").isSafe());
        var json = PlanDocument.toJson(plan);
        assertEquals(1, json.path("summary").path("safe").asInt());
        assertEquals(2, json.path("summary").path("unsafe").asInt());
        assertEquals("safe", json.path("changes").findValues("safety").stream().map(v -> v.asText())
                .filter("safe"::equals).findFirst().orElse(""));
    }

    private static dev.creact.engine.model.Node file(String id, String path, String content) {
        return Trees.node(id, "local:File", Trees.props("path", path, "content", content), List.of());
    }

    private static dev.creact.engine.model.CloudDom dom(dev.creact.engine.model.Node... nodes) {
        return new dev.creact.engine.model.CloudDom(1, "dev", List.of(nodes), Map.of());
    }
}
