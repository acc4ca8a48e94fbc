package dev.creact.engine.plan;

import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.PlanDocument;
import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.PlanResult;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Action;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Plan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Planning a stack against what is deployed")
class PlanSpecTest extends EngineSpec {

    static final String STACK = """
            import { useInstance } from "creact";
            import { LocalFile, LocalDirectory } from "creact/local";
            import { MockResource } from "creact/mock";
            export default function App() {
              const dir = useInstance(LocalDirectory, { key: "dir", path: "out" });
              useInstance(LocalFile, { key: "a", path: "out/a.txt", content: "A", dependsOn: [dir] });
              const db = useInstance(MockResource, { key: "db", size: 1 });
              useInstance(MockResource, { key: "app", db: db.id, url: `postgres://${db.outputs.host}` });
              return null;
            }
            """;

    PlanResult plan(TestProject p, CloudDom deployed, PlanOptions options) {
        return engine.plan(BuildRequest.of(p.root(), Path.of("infrastructure.tsx"), "dev").withPrevious(deployed),
                deployed == null ? 0 : 7, options, CancellationToken.NONE);
    }

    /** Pretend everything in {@code dom} was deployed: what a deploy would leave as state. */
    CloudDom deployed(TestProject p, CloudDom dom) {
        var r = plan(p, dom, PlanOptions.NONE);
        assertTrue(r.ok(), r.problems().toString());
        return r.build().cloudDom();
    }

    @Test
    @DisplayName("a new stack is all creates, in dependency order, with unknown outputs marked")
    void firstPlan() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        Plan plan = plan(p, null, PlanOptions.NONE).plan();
        assertEquals(4, plan.changeSet().creates().size());
        assertEquals(List.of("db", "app", "dir", "a"), plan.order(), "Kahn: the smallest ready id first");
        assertEquals(List.of(List.of("db", "dir"), List.of("a", "app")), plan.batches());
        assertEquals(0, plan.stateSerial());
        var doc = PlanDocument.toJson(plan);
        assertEquals(4, doc.at("/summary/create").asInt());
        var app = doc.at("/changes/1");
        assertEquals("app", app.get("id").asText());
        assertEquals("create", app.get("action").asText());
        assertEquals("[\"url\"]", app.get("unknownPaths").toString());
        assertEquals(8, app.at("/source/line").asInt());
        assertEquals("\"postgres://(known after deploy)\"", PlanDocument.display(app.at("/after/url")));
    }

    @Test
    @DisplayName("nothing changed: an empty plan")
    void noChanges() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        var first = p.dom(engine);
        var deployed = deployed(p, first);
        Plan plan = plan(p, deployed, PlanOptions.NONE).plan();
        assertFalse(plan.hasChanges(), plan.changeSet().toString());
        assertEquals(4, plan.changeSet().unchanged().size());
        assertEquals(7, plan.stateSerial());
    }

    @Test
    @DisplayName("an edited prop is an update listing the changed prop with before and after")
    void update() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        var deployed = deployed(p, p.dom(engine));
        p.file("infrastructure.tsx", STACK.replace("content: \"A\"", "content: \"B\""));
        Plan plan = plan(p, deployed, PlanOptions.NONE).plan();
        assertEquals(1, plan.changeSet().updates().size());
        var c = plan.changeSet().updates().getFirst();
        assertEquals("a", c.id());
        assertEquals(List.of("content"), c.changedPaths());
        assertEquals("\"A\"", c.changedProps().getFirst().before().toString());
        assertEquals("\"B\"", c.changedProps().getFirst().after().toString());
        assertEquals(List.of("a"), plan.order());
    }

    @Test
    @DisplayName("a prop the schema marks as forcing replacement gives a replacement naming it; --replace forces one")
    void replace() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        var deployed = deployed(p, p.dom(engine));
        p.file("infrastructure.tsx", STACK.replace("path: \"out/a.txt\"", "path: \"out/b.txt\""));
        Plan plan = plan(p, deployed, new PlanOptions(Set.of(), Set.of("db"))).plan();
        assertEquals(List.of("a", "db"), plan.changeSet().replaces().stream().map(c -> c.id()).toList());
        assertEquals(List.of("path changed"), plan.changeSet().replaces().get(0).replaceReasons());
        assertTrue(plan.changeSet().replaces().get(0).changedProps().getFirst().forcesReplacement());
        assertEquals(List.of("requested with --replace"), plan.changeSet().replaces().get(1).replaceReasons());
    }

    @Test
    @DisplayName("a removed resource is deleted, dependents first, after everything else")
    void deletes() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        var deployed = deployed(p, p.dom(engine));
        p.file("infrastructure.tsx", """
                import { useInstance } from "creact";
                import { MockResource } from "creact/mock";
                export default function App() { useInstance(MockResource, { key: "db", size: 2 }); return null; }
                """);
        Plan plan = plan(p, deployed, PlanOptions.NONE).plan();
        assertEquals(List.of("db", "a", "dir", "app"), plan.order());
        assertEquals(List.of(List.of("db"), List.of("a", "app"), List.of("dir")), plan.batches());
        var delete = plan.changeSet().deletes().getFirst();
        assertEquals(Action.DELETE, delete.action());
        assertNull(delete.after());
        assertEquals("infrastructure.tsx", delete.source().file(), "a delete keeps where it was declared");
    }

    @Test
    @DisplayName("--target plans the resource and what it depends on; an unknown target is an error with a suggestion")
    void target() {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        Plan plan = plan(p, null, new PlanOptions(Set.of("a"), Set.of())).plan();
        assertEquals(List.of("dir", "a"), plan.order());
        var r = plan(p, null, new PlanOptions(Set.of("dbb"), Set.of()));
        assertFalse(r.ok());
        assertEquals("unknown-resource", r.problems().getFirst().code());
        assertTrue(r.problems().getFirst().message().contains("did you mean 'db'"), r.problems().getFirst().message());
    }

    @Test
    @DisplayName("a moved resource is reported, not changed")
    void moves() {
        var p = new TestProject(dir).file("infrastructure.tsx", """
                import { MockResource } from "creact/mock";
                export default function App() { return <><MockResource key="p"/><MockResource key="c"/></>; }
                """);
        var deployed = deployed(p, p.dom(engine));
        p.file("infrastructure.tsx", """
                import { MockResource } from "creact/mock";
                export default function App() { return <MockResource key="p"><MockResource key="c"/></MockResource>; }
                """);
        Plan plan = plan(p, deployed, PlanOptions.NONE).plan();
        assertFalse(plan.hasChanges());
        assertEquals(1, plan.changeSet().moves().size());
        assertEquals("p", plan.changeSet().moves().getFirst().toParent());
    }

    @Test
    @DisplayName("a saved plan round-trips; a damaged one or one for another stack is refused")
    void savedPlans() throws Exception {
        var p = new TestProject(dir).file("infrastructure.tsx", STACK);
        Plan plan = plan(p, null, PlanOptions.NONE).plan();
        Path file = dir.resolve("plans/first.plan");
        SavedPlan.write(file, plan);
        assertEquals(plan, SavedPlan.read(file, "dev"));
        var other = assertThrows(SavedPlan.InvalidPlanFileException.class, () -> SavedPlan.read(file, "prod"));
        assertTrue(other.getMessage().contains("made for stack 'dev'"), other.getMessage());
        Files.writeString(file, Files.readString(file).replace("out/a.txt", "out/evil.txt"));
        var tampered = assertThrows(SavedPlan.InvalidPlanFileException.class, () -> SavedPlan.read(file, "dev"));
        assertTrue(tampered.getMessage().contains("checksum"), tampered.getMessage());
        Files.writeString(file, "{\"kind\": \"creact-pl");
        assertTrue(assertThrows(SavedPlan.InvalidPlanFileException.class, () -> SavedPlan.read(file, "dev"))
                .getMessage().contains("damaged or truncated"));
    }
}
