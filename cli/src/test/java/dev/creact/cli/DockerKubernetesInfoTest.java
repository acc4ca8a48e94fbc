package dev.creact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Docker and Kubernetes plugins ship with the CLI: {@code creact info} lists them with their construct
 * types and settings, and a project importing both builds (their modules and declarations are known).
 */
@DisplayName("creact/docker and creact/kubernetes in the CLI")
class DockerKubernetesInfoTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(saved);
            System.setErr(savedErr);
        }
    }

    @Test
    @DisplayName("creact info --json lists both with construct types and settings; a tree using both builds")
    void infoAndBuild() throws Exception {
        Map<String, JsonNode> providers = new HashMap<>();
        for (JsonNode p : Json.mapper().readTree(run("info", "--json", "--no-color", "--project", dir.toString())).path("providers")) {
            providers.put(p.path("name").asText(), p);
        }
        JsonNode docker = providers.get("docker");
        JsonNode kube = providers.get("kubernetes");
        assertTrue(docker != null && kube != null, providers.keySet().toString());
        assertEquals("creact/docker", docker.path("module").asText());
        assertEquals("DockerContainer", docker.path("constructs").path("docker:Container").asText());
        assertTrue(docker.path("settings").has("host"), docker.toString());
        assertEquals("Deployment", kube.path("constructs").path("kubernetes:Deployment").asText());
        assertEquals("KubernetesManifest", kube.path("constructs").path("kubernetes:Manifest").asText());
        assertTrue(kube.path("settings").has("kubeconfig") && kube.path("settings").has("context"), kube.toString());

        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/Dockerfile"), "FROM scratch\n");
        Files.writeString(dir.resolve("infrastructure.tsx"), """
                import { DockerImage } from "creact/docker";
                import { Deployment } from "creact/kubernetes";
                import { useInstance } from "creact";
                export default function App() {
                  const image = useInstance(DockerImage, { key: "image", tag: "web:1", context: "app" });
                  useInstance(Deployment, { key: "web", name: "web", image: image.outputs.ref });
                  return null;
                }
                """);
        String built = run("build", "--json", "--no-color", "--project", dir.toString(), "--entry", dir.resolve("infrastructure.tsx").toString());
        assertTrue(built.contains("\"valid\" : true"), built);
    }
}
