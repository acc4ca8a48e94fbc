package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nested apps through the real `creact` command: examples/monorepo deployed from the root (backend before
 * frontend, the backend's URL in the frontend's config, the backend's signal received), planned again, a
 * child's change planned and deployed alone, the worker switched off and on by the root's context, a child
 * deployed on its own, a cycle refused naming the apps, and a SIGKILL during a child's deploy resumed from
 * the root with nothing created twice.
 */
@DisplayName("Nested apps: the monorepo deployed, changed, pruned and resumed from its root")
class NestedAppsTest {

    static Path example() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/monorepo/infrastructure.tsx"))) {
                return dir.resolve("examples/monorepo");
            }
        }
        throw new AssertionError("examples/monorepo not found above " + Path.of("").toAbsolutePath());
    }

    /** A copy of the example without anything a local run left behind (out/, .creact/). */
    static Path copy(Path target) throws IOException {
        Path from = example();
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().contains(".creact") || rel.toString().contains("out")) {
                    continue;
                }
                Path to = target.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    static CreactProcess.Result ok(Path dir, String... args) throws Exception {
        var r = CreactProcess.run(dir, args);
        assertEquals(0, r.exitCode(), "creact " + String.join(" ", args) + ":\n" + r.all());
        return r;
    }

    static JsonNode json(Path file) throws IOException {
        return Json.mapper().readTree(Files.readString(file));
    }

    @Test
    @DisplayName("deploy from the root in order, plan again (empty), a child's change alone, the worker off and on, a signal")
    void monorepo(@TempDir Path base) throws Exception {
        Path dir = copy(base.resolve("monorepo"));
        // The backend first; the frontend and the worker, which read only the backend, together.
        var first = ok(dir, "plan");
        assertTrue(first.stdout().contains("1. + backend\n") && first.stdout().contains("2. + frontend, + worker\n"), first.all());
        var deploy = ok(dir, "deploy", "--auto-approve");
        String out = deploy.all();
        // Backend before frontend: the frontend's context holds the backend's URL.
        int backendDone = out.indexOf("+ backend (");
        int frontendStarted = out.indexOf("frontend: + config");
        assertTrue(backendDone >= 0 && frontendStarted > backendDone, out);
        String url = json(dir.resolve("apps/backend/out/api.json")).path("url").asText();
        assertTrue(url.startsWith("https://api-") && url.endsWith(".prod.example.internal"), url);
        assertEquals(url, json(dir.resolve("apps/frontend/out/config.json")).path("apiUrl").asText());
        assertEquals("prod", json(dir.resolve("apps/worker/out/worker.json")).path("env").asText());
        // The backend's signal reached the root's onSignal.
        assertEquals("migrations-done {\"version\":3}\n", Files.readString(dir.resolve("out/signals.txt")));
        // Each child has its own stack under the root's: state, journal, no lock left.
        for (String app : new String[]{"backend", "frontend", "worker"}) {
            Path stack = dir.resolve(".creact/stacks/dev/" + app);
            assertTrue(Files.isRegularFile(stack.resolve("state.json")), app);
            assertTrue(Files.isRegularFile(stack.resolve("journal.jsonl")), app);
            assertFalse(Files.exists(stack.resolve("lock.json")), app);
        }
        var state = ok(dir, "state", "list", "--stack", "dev/frontend");
        assertTrue(state.stdout().contains("config"), state.all());
        // A child's stack is deployed from its parent: the root's code never goes into it.
        var wrong = CreactProcess.run(dir, "deploy", "--auto-approve", "--stack", "dev/frontend");
        assertNotEquals(0, wrong.exitCode(), wrong.all());
        assertTrue(wrong.all().contains("belongs to the nested app 'frontend' of stack 'dev'"), wrong.all());

        // Planned again: nothing to do, in the root or any child.
        assertTrue(ok(dir, "plan").all().contains("No changes"));

        // A change in the frontend: planned nested under its app, deployed alone.
        Path frontend = dir.resolve("apps/frontend/infrastructure.tsx");
        Files.writeString(frontend, Files.readString(frontend).replace("apiUrl: ctx.apiUrl }", "apiUrl: ctx.apiUrl, cdn: true }"));
        var plan = ok(dir, "plan");
        assertTrue(plan.stdout().contains("~ app:App frontend"), plan.all());
        assertTrue(plan.stdout().contains("app dev/frontend plans inside it:"), plan.all());
        assertTrue(plan.stdout().contains("~ config (local:File)"), plan.all());
        assertFalse(plan.stdout().contains("app:App backend"), plan.all());
        var planJson = Json.mapper().readTree(ok(dir, "plan", "--json").stdout());
        assertTrue(planJson.toString().contains("\"tool\":\"app dev/frontend\""), planJson.toString());
        byte[] backendState = Files.readAllBytes(dir.resolve(".creact/stacks/dev/backend/state.json"));
        byte[] workerState = Files.readAllBytes(dir.resolve(".creact/stacks/dev/worker/state.json"));
        byte[] frontendState = Files.readAllBytes(dir.resolve(".creact/stacks/dev/frontend/state.json"));
        var changed = ok(dir, "deploy", "--auto-approve");
        assertTrue(changed.all().contains("1 updated"), changed.all());
        assertTrue(json(dir.resolve("apps/frontend/out/config.json")).path("cdn").asBoolean(), changed.all());
        assertEquals(new String(backendState), Files.readString(dir.resolve(".creact/stacks/dev/backend/state.json")));
        assertEquals(new String(workerState), Files.readString(dir.resolve(".creact/stacks/dev/worker/state.json")));
        assertNotEquals(new String(frontendState), Files.readString(dir.resolve(".creact/stacks/dev/frontend/state.json")));

        // The worker switched off by the context: its app is removed, so its stack is destroyed.
        Files.writeString(dir.resolve("context.json"), "{ \"env\": \"prod\", \"worker\": false }\n");
        var off = ok(dir, "deploy", "--auto-approve");
        assertTrue(off.all().contains("1 deleted"), off.all());
        assertFalse(Files.exists(dir.resolve("apps/worker/out/worker.json")), off.all());
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/worker")), off.all());
        // And on again.
        Files.writeString(dir.resolve("context.json"), "{ \"env\": \"prod\", \"worker\": true }\n");
        ok(dir, "deploy", "--auto-approve");
        assertEquals(url, json(dir.resolve("apps/worker/out/worker.json")).path("api").asText());
        assertTrue(ok(dir, "plan").all().contains("No changes"));

        // Destroying the root destroys the children, dependents first.
        var destroy = ok(dir, "destroy", "--auto-approve");
        assertFalse(Files.exists(dir.resolve("apps/backend/out/api.json")), destroy.all());
        assertFalse(Files.exists(dir.resolve("apps/frontend/out/config.json")), destroy.all());
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/backend")), destroy.all());
    }

    @Test
    @DisplayName("a child deployed on its own uses its default context")
    void childAlone(@TempDir Path base) throws Exception {
        Path dir = copy(base.resolve("monorepo")).resolve("apps/frontend");
        ok(dir, "deploy", "--auto-approve");
        var config = json(dir.resolve("out/config.json"));
        assertEquals("http://localhost:8080", config.path("apiUrl").asText());
        assertEquals("dev", config.path("env").asText());
        assertTrue(Files.isRegularFile(dir.resolve(".creact/stacks/dev/state.json")));
    }

    private static void app(Path dir, String body) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("infrastructure.tsx"), body);
    }

    @Test
    @DisplayName("a cycle between two apps is refused, naming both")
    void cycle(@TempDir Path dir) throws Exception {
        app(dir.resolve("apps/a"), "import { useAppOutputs } from \"creact/app\";\n"
                + "export default function A() { useAppOutputs({ x: 1 }); return null; }\n");
        app(dir.resolve("apps/b"), "import { useAppOutputs } from \"creact/app\";\n"
                + "export default function B() { useAppOutputs({ y: 2 }); return null; }\n");
        app(dir, "import { useInstance } from \"creact\";\nimport { CReactApp } from \"creact/app\";\n"
                + "export default function Root() {\n"
                + "  const a: any = useInstance(CReactApp, { key: \"a\", source: \"./apps/a\", context: { y: \"${ref:b#y}\" } });\n"
                + "  useInstance(CReactApp, { key: \"b\", source: \"./apps/b\", context: { x: a.outputs.x } });\n"
                + "  return null;\n}\n");
        var r = CreactProcess.run(dir, "plan");
        assertNotEquals(0, r.exitCode(), r.all());
        assertTrue(r.all().contains("a -> b -> a") || r.all().contains("b -> a -> b"), r.all());

        // An app that deploys its own project is a cycle too.
        app(dir, "import { CReactApp } from \"creact/app\";\n"
                + "export default function Root() { return <CReactApp key=\"again\" source=\".\" />; }\n");
        var self = CreactProcess.run(dir, "plan");
        assertNotEquals(0, self.exitCode(), self.all());
        assertTrue(self.all().contains("app-cycle") && self.all().contains("again"), self.all());
    }

    @Test
    @DisplayName("apps nest: a grandchild's stack is <root>/<child>/<grandchild>, its outputs reach the root, its plan nests")
    void grandchildren(@TempDir Path dir) throws Exception {
        app(dir.resolve("apps/mid/apps/leaf"), "import { useInstance } from \"creact\";\n"
                + "import { useAppContext, useAppOutputs } from \"creact/app\";\nimport { LocalFile } from \"creact/local\";\n"
                + "export default function Leaf() {\n  const ctx = useAppContext({ greeting: \"alone\" });\n"
                + "  const f = useInstance(LocalFile, { key: \"leaf\", path: \"out/leaf.txt\", content: ctx.greeting });\n"
                + "  useAppOutputs({ file: f.outputs.path });\n  return null;\n}\n");
        app(dir.resolve("apps/mid"), "import { useInstance } from \"creact\";\n"
                + "import { CReactApp, useAppContext, useAppOutputs } from \"creact/app\";\n"
                + "export default function Mid() {\n  const ctx = useAppContext({ greeting: \"mid alone\" });\n"
                + "  const leaf = useInstance(CReactApp, { key: \"leaf\", source: \"./apps/leaf\", context: ctx });\n"
                + "  useAppOutputs({ leafFile: leaf.outputs.file });\n  return null;\n}\n");
        app(dir, "import { useInstance } from \"creact\";\nimport { CReactApp } from \"creact/app\";\n"
                + "import { LocalFile } from \"creact/local\";\n"
                + "export default function Root() {\n"
                + "  const mid = useInstance(CReactApp, { key: \"mid\", source: \"./apps/mid\", context: { greeting: \"hello from the root\" } });\n"
                + "  useInstance(LocalFile, { key: \"where\", path: \"out/where.txt\", content: `${mid.outputs.leafFile}` });\n"
                + "  return null;\n}\n");
        var plan = ok(dir, "plan");
        assertTrue(plan.stdout().contains("app dev/mid plans inside it:"), plan.all());
        assertTrue(plan.stdout().contains("+ leaf (app:App)"), plan.all());
        assertTrue(plan.stdout().contains("leaf/leaf (local:File)"), plan.all());
        ok(dir, "deploy", "--auto-approve");
        Path leafFile = dir.resolve("apps/mid/apps/leaf/out/leaf.txt");
        assertEquals("hello from the root", Files.readString(leafFile));
        assertEquals(leafFile.toRealPath().toString(), Files.readString(dir.resolve("out/where.txt")));
        assertTrue(Files.isRegularFile(dir.resolve(".creact/stacks/dev/mid/leaf/state.json")));
        assertTrue(ok(dir, "stack", "list").stdout().contains("dev/mid/leaf"));
        assertTrue(ok(dir, "plan").all().contains("No changes"));
        ok(dir, "destroy", "--auto-approve");
        assertFalse(Files.exists(leafFile));
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/mid")));
    }

    @Test
    @DisplayName("SIGKILL during a child's deploy, then resume from the root: nothing created twice")
    void killDuringChildDeploy(@TempDir Path dir) throws Exception {
        int resources = 6;
        var body = new StringBuilder("import { useInstance } from \"creact\";\nimport { MockResource } from \"creact/mock\";\n"
                + "import { useAppOutputs } from \"creact/app\";\nexport default function Svc() {\n");
        for (int i = 0; i < resources; i++) {
            body.append("  const r").append(i).append(" = useInstance(MockResource, { key: \"r").append(i)
                    .append("\", latencyMs: 400").append(i == 0 ? "" : ", after: r" + (i - 1) + ".outputs.id").append(" });\n");
        }
        body.append("  useAppOutputs({ last: r").append(resources - 1).append(".outputs.id });\n  return null;\n}\n");
        app(dir.resolve("apps/svc"), body.toString());
        app(dir, "import { useInstance } from \"creact\";\nimport { CReactApp } from \"creact/app\";\n"
                + "import { LocalFile } from \"creact/local\";\n"
                + "export default function Root() {\n"
                + "  const svc = useInstance(CReactApp, { key: \"svc\", source: \"./apps/svc\" });\n"
                + "  useInstance(LocalFile, { key: \"last\", path: \"out/last.txt\", content: `${svc.outputs.last}` });\n"
                + "  return null;\n}\n");
        var deploy = CreactProcess.start(dir, dir.resolve("deploy.log"), "deploy", "--auto-approve");
        Path childJournal = dir.resolve(".creact/stacks/dev/svc/journal.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Kill once the child has created a couple of its resources (and is in the middle of the next).
        while (deploy.isAlive() && System.nanoTime() < deadline
                && (!Files.exists(childJournal) || Files.readAllLines(childJournal).size() < 5)) {
            Thread.sleep(20);
        }
        assertTrue(deploy.isAlive(), "the deploy was still running when killed:\n" + Files.readString(dir.resolve("deploy.log")));
        deploy.destroyForcibly().waitFor();
        assertTrue(Files.exists(dir.resolve(".creact/stacks/dev/svc/lock.json")), "killed holding the child's lock");

        var again = CreactProcess.run(dir, "deploy", "--auto-approve");
        assertNotEquals(0, again.exitCode(), again.all());
        assertTrue(again.all().contains("creact resume"), again.all());
        var resumed = ok(dir, "resume", "--auto-approve");
        assertTrue(resumed.all().contains("resuming it first"), resumed.all());
        assertTrue(ok(dir, "plan").all().contains("No changes"));

        Path ledger = dir.resolve("apps/svc/.creact/mock-ledger.jsonl");
        var creates = MockLedger.successfulCreates(ledger);
        assertEquals(resources, creates.size(), creates.toString());
        creates.forEach((id, n) -> assertEquals(1L, n, id + " created " + n + " times"));
        assertFalse(Files.readString(dir.resolve("out/last.txt")).isBlank());
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/svc/lock.json")), "no lock left behind");
        assertFalse(Files.exists(dir.resolve(".creact/stacks/dev/lock.json")), "no lock left behind");
    }
}
