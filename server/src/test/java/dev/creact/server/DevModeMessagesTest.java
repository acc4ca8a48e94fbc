package dev.creact.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.api.DevCycle;
import dev.creact.engine.api.DevCycle.Outcome;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.PropChange;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.Safety;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What dev mode and the per-change diagnostics say, for each outcome and safety. */
class DevModeMessagesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static Change create(String id) {
        return new Change(id, "local:File", Action.CREATE, null, JSON.objectNode().put("path", "out/" + id), List.of(),
                List.of(), null, Safety.unsafe("creates a resource"));
    }

    private static Change update(String prop, Safety safety) {
        return new Change("notes", "local:File", Action.UPDATE, JSON.objectNode().put(prop, "a"),
                JSON.objectNode().put(prop, "b"), List.of(new PropChange(prop, JSON.textNode("a"), JSON.textNode("b"), false)),
                List.of(), null, safety);
    }

    private static DevCycle cycle(Outcome outcome, List<String> applied, Map<String, String> held, List<Problem> problems) {
        return new DevCycle(outcome, null, applied, held, problems, null, null, List.of(), 10, 5, 27, 0);
    }

    @Test
    void theQuestionListsTheUnsafeChangesWithTheirReasons() {
        assertEquals("creact dev: apply 1 unsafe change to stack 'dev'? + create local:File notes (creates a resource)",
                DevMode.question("dev", List.of(create("notes"))));
        assertEquals("creact dev: apply 2 unsafe changes to stack 'prod'? + create local:File a (creates a resource); "
                        + "~ update local:File notes (mode is not declared safe by local:File)",
                DevMode.question("prod", List.of(create("a"),
                        update("mode", Safety.unsafe("mode is not declared safe by local:File")))));
    }

    @Test
    void aLongQuestionNamesTheFirstTenChangesAndCountsTheRest() {
        var many = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> create("f" + i)).toList();
        String q = DevMode.question("dev", many);
        assertTrue(q.startsWith("creact dev: apply 1000 unsafe changes to stack 'dev'? + create local:File f0 "), q);
        assertTrue(q.contains("local:File f9 (creates a resource); and 990 more (see the problems or `creact plan`)"), q);
        assertFalse(q.contains(" f10 "), q);
        assertTrue(q.length() < 1000, "short enough for a message box: " + q.length());
    }

    @Test
    void theSummarySaysWhatTheCycleDid() {
        assertEquals("creact dev: applied 1 change in 42 ms", DevMode.summary(cycle(Outcome.APPLIED, List.of("a"), Map.of(), List.of())));
        assertEquals("creact dev: applied 2 changes in 42 ms; skipped 1 change", DevMode.summary(cycle(Outcome.APPLIED,
                List.of("a", "b"), Map.of("c", "not accepted"), List.of())));
        assertEquals("creact dev: no changes", DevMode.summary(cycle(Outcome.NO_CHANGES, List.of(), Map.of(), List.of())));
        assertEquals("creact dev: skipped 2 unsafe changes", DevMode.summary(cycle(Outcome.SKIPPED, List.of(),
                Map.of("a", "not accepted", "b", "not accepted"), List.of())));
        var failure = Problem.error("deploy-failed", "update failed: db: boom", null, "db", null);
        assertEquals("creact dev: deploy failed, rolled back: update failed: db: boom",
                DevMode.summary(cycle(Outcome.ROLLED_BACK, List.of(), Map.of(), List.of(failure))));
        assertEquals("creact dev: deploy failed and so did the rollback: update failed: db: boom; run `creact rollback` "
                + "once the cause is fixed", DevMode.summary(cycle(Outcome.FAILED, List.of(), Map.of(), List.of(failure))));
        assertEquals("creact dev: not deployed: the lock is held", DevMode.summary(cycle(Outcome.REFUSED, List.of(), Map.of(),
                List.of(Problem.error("locked", "the lock is held", null, null, null)))));
    }

    @Test
    void updateDiagnosticsSayWhetherTheyAreSafe() {
        assertEquals("~ update notes: content (safe)\n  content: \"a\" → \"b\"",
                DiagnosticsBuilder.message(update("content", Safety.safe("content is declared safe by local:File"))));
        assertEquals("~ update notes: mode (unsafe: mode is not declared safe by local:File)\n  mode: \"a\" → \"b\"",
                DiagnosticsBuilder.message(update("mode", Safety.unsafe("mode is not declared safe by local:File"))));
        assertEquals("~ update notes: content\n  content: \"a\" → \"b\"", DiagnosticsBuilder.message(update("content", null)));
        assertEquals("+ create notes (local:File)", DiagnosticsBuilder.message(create("notes")), "creates keep their message");
    }
}
