package dev.creact.cli;

import dev.creact.backend.postgres.PostgresServer;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/ci: the steps its workflow runs (pipeline.sh plan on a pull request, pipeline.sh apply on main), run
 * here as a CI service would, with the real creact command and a real PostgreSQL holding the state.
 */
@DisplayName("The CI example (examples/ci): plan on a pull request, deploy the saved plan on main, state in PostgreSQL")
class CiExampleTest {
    static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.launch();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Path example() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/ci/pipeline.sh"))) {
                return dir.resolve("examples/ci");
            }
        }
        throw new AssertionError("examples/ci not found above " + Path.of("").toAbsolutePath());
    }

    record Run(int exitCode, String output) {
    }

    static Run pipeline(Path project, Path creact, Map<String, String> env, String step) throws IOException, InterruptedException {
        var pb = new ProcessBuilder("bash", project.resolve("pipeline.sh").toString(), step).directory(project.toFile());
        pb.environment().remove("CREACT_BACKEND_URL");
        pb.environment().put("CREACT", creact.toString());
        pb.environment().put("PROJECT", project.toString());
        pb.environment().put("ARTIFACTS", project.resolve("artifacts").toString());
        pb.environment().putAll(env);
        Path log = Files.createTempFile("pipeline", ".log");
        var p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pipeline.sh " + step + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    @DisplayName("plan (changes, saved as an artefact) → apply → the same plan again is refused → plan says no changes")
    void pullRequestThenMain(@TempDir Path base) throws Exception {
        Path project = Files.createDirectories(base.resolve("repo"));
        for (String f : new String[]{"infrastructure.tsx", "creact.config.json", "pipeline.sh"}) {
            Files.copy(example().resolve(f), project.resolve(f));
        }
        // The creact command a CI machine would have on its PATH: this build's CLI.
        Path creact = base.resolve("creact");
        var java = CreactProcess.builder(base).command();
        Files.writeString(creact, "#!/bin/sh\nexec " + String.join(" ", java.stream().map(a -> "'" + a + "'").toList()) + " \"$@\"\n");
        assertTrue(creact.toFile().setExecutable(true));
        var secrets = Map.of("CREACT_BACKEND_URL", server.jdbcUrl(), "PGPASSWORD", PostgresServer.PASSWORD);

        var plan = pipeline(project, creact, secrets, "plan");
        assertEquals(0, plan.exitCode(), plan.output());
        Path artifacts = project.resolve("artifacts");
        assertEquals("changes=true", Files.readString(artifacts.resolve("outcome")).strip());
        assertTrue(Files.readString(artifacts.resolve("plan.txt")).contains("Plan: 4 to create"), plan.output());
        assertEquals(4, Json.mapper().readTree(Files.readString(artifacts.resolve("plan.json"))).path("summary")
                .path("create").asInt(), Files.readString(artifacts.resolve("plan.json")));
        assertTrue(Files.size(artifacts.resolve("plan.creact")) > 0);

        var apply = pipeline(project, creact, secrets, "apply");
        assertEquals(0, apply.exitCode(), apply.output());
        assertTrue(apply.output().contains("deploy complete: 4 created"), apply.output());

        var again = pipeline(project, creact, secrets, "apply");
        assertEquals(1, again.exitCode(), again.output());
        assertTrue(again.output().contains("the saved plan was made against state serial 0"), again.output());

        var after = pipeline(project, creact, secrets, "plan");
        assertEquals(0, after.exitCode(), after.output());
        assertEquals("changes=false", Files.readString(artifacts.resolve("outcome")).strip());

        var noSecret = pipeline(project, creact, Map.of(), "plan");
        assertTrue(noSecret.exitCode() != 0 && noSecret.output().contains("set CREACT_BACKEND_URL"), noSecret.output());
    }

    @Test
    @DisplayName("the workflow runs those same two steps, plans with --detailed-exitcode and keeps the plan as an artefact")
    void workflowUsesTheScript() throws IOException {
        String workflow = Files.readString(example().resolve("github-actions.yml"));
        assertTrue(workflow.contains("run: examples/ci/pipeline.sh apply"), workflow);
        assertTrue(workflow.contains("examples/ci/pipeline.sh plan"), workflow);
        assertTrue(workflow.contains("actions/upload-artifact") && workflow.contains("actions/download-artifact"), workflow);
        assertTrue(workflow.contains("secrets.CREACT_BACKEND_URL") && workflow.contains("secrets.PGPASSWORD"), workflow);
        assertTrue(Files.readString(example().resolve("pipeline.sh")).contains("plan --detailed-exitcode --out"));
    }
}
