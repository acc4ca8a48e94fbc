package dev.creact.engine.providers.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.creact.engine.EngineSpec;
import dev.creact.engine.core.AppLineage;
import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Nested apps in the runtime: context down, outputs and signals up, callbacks kept out of props")
class AppRuntimeSpecTest extends EngineSpec {
    private static final String CHILD = """
            import { useInstance } from "creact";
            import { useAppContext, useAppOutputs, useSignal } from "creact/app";
            import { MockResource } from "creact/mock";
            export default function Child() {
              const ctx = useAppContext({ env: "alone" });
              const r = useInstance(MockResource, { key: "r", env: ctx.env });
              useAppOutputs({ env: ctx.env });
              useSignal()("ready", { env: ctx.env });
              return null;
            }
            """;

    @Test
    @DisplayName("useAppContext: the default alone, the parent's context when nested; outputs and signals are stack outputs")
    void contextOutputsSignals() {
        var alone = project(CHILD).dom(engine);
        assertEquals("alone", alone.byId().get("r").props().path("env").asText());
        assertEquals("alone", alone.stackOutputs().path("env").asText());
        assertEquals("{\"name\":\"ready\",\"payload\":{\"env\":\"alone\"}}", Json.write(alone.stackOutputs().path("$signals").get(0)));

        var context = JsonNodeFactory.instance.objectNode().put("env", "prod");
        var nested = engine.build(BuildRequest.of(dir, Path.of("infrastructure.tsx"), "dev/child")
                .withLineage(new AppLineage(context, List.of(), List.of())));
        assertTrue(nested.ok(), nested.problems().toString());
        assertEquals("prod", nested.cloudDom().byId().get("r").props().path("env").asText());
        assertEquals("prod", nested.cloudDom().stackOutputs().path("env").asText());
    }

    private static final String PARENT = """
            import { useInstance } from "creact";
            import { CReactApp } from "creact/app";
            import { MockResource } from "creact/mock";
            export default function Root() {
              const heard = [];
              let url = "unknown";
              const app = useInstance(CReactApp, { key: "backend", source: "./apps/backend", context: { env: "prod" },
                onDeploy: (outputs) => { url = outputs.url; },
                onSignal: (name, payload) => heard.push(name + "=" + JSON.stringify(payload)) });
              useInstance(MockResource, { key: "seen", url, heard: heard.join(","), direct: app.outputs.url });
              return null;
            }
            """;

    @Test
    @DisplayName("CReactApp: the callbacks are not props; once deployed they hear the outputs and the signals")
    void callbacks() throws Exception {
        var project = project(PARENT).file("apps/backend/infrastructure.tsx", CHILD);
        var first = project.dom(engine);
        Node app = first.byId().get("backend");
        assertEquals("app:App", app.type());
        assertFalse(app.props().has("onDeploy") || app.props().has("onSignal"), app.props().toString());
        assertTrue(app.props().path("sourceDigest").isTextual(), app.props().toString());
        assertEquals("unknown", first.byId().get("seen").props().path("url").asText());
        assertEquals("", first.byId().get("seen").props().path("heard").asText());

        var outputs = JsonNodeFactory.instance.objectNode().put("url", "https://api");
        outputs.putArray("$signals").addObject().put("name", "migrations-done").putObject("payload").put("version", 3);
        var present = new LinkedHashMap<String, Node>();
        first.byId().forEach((id, n) -> present.put(id, n.withChildren(List.of())));
        present.put("backend", app.withChildren(List.of()).withOutputs(outputs, null));
        CloudDom deployed = CloudDom.assemble(present, first, first);
        var second = project.dom(engine, deployed).byId().get("seen").props();
        assertEquals("https://api", second.path("url").asText());
        assertEquals("https://api", second.path("direct").asText());
        assertEquals("migrations-done={\"version\":3}", second.path("heard").asText());
    }

    @Test
    @DisplayName("the app's sourceDigest follows the child's files; a missing folder or the project itself is refused")
    void sources() throws Exception {
        var project = project(PARENT).file("apps/backend/infrastructure.tsx", CHILD);
        String before = project.dom(engine).byId().get("backend").props().path("sourceDigest").asText();
        assertEquals(before, project.dom(engine).byId().get("backend").props().path("sourceDigest").asText(), "stable");
        Files.createDirectories(dir.resolve("apps/backend/.creact"));
        Files.writeString(dir.resolve("apps/backend/.creact/state.json"), "{}");
        assertEquals(before, project.dom(engine).byId().get("backend").props().path("sourceDigest").asText(),
                "the child's own state is not its source");
        project.file("apps/backend/infrastructure.tsx", CHILD.replace("\"ready\"", "\"done\""));
        assertNotEquals(before, project.dom(engine).byId().get("backend").props().path("sourceDigest").asText());

        project.file("infrastructure.tsx", PARENT.replace("./apps/backend", "./apps/nothing"));
        Problem missing = project.onlyProblem(engine);
        assertEquals("app-source", missing.code());
        assertEquals("backend", missing.resourceId());
        assertTrue(missing.source() != null && missing.source().line() > 0, missing.render());

        project.file("infrastructure.tsx", PARENT.replace("./apps/backend", "."));
        Problem self = project.onlyProblem(engine);
        assertEquals("app-cycle", self.code());
        assertTrue(self.message().contains("-> backend ->"), self.message());
    }
}
