package dev.creact.engine.adapters;

import dev.creact.engine.TestProject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A chart with a values schema, and the recorded helm (test resource {@code helm/recorded-helm}). */
final class HelmFixtures {
    private HelmFixtures() {
    }

    static TestProject chart(TestProject p) {
        p.file("charts/web/Chart.yaml", """
                apiVersion: v2
                name: web
                version: 0.1.0
                """);
        p.file("charts/web/values.yaml", """
                replicaCount: 1
                image:
                  repository: nginx
                  tag: "1.27"
                """);
        p.file("charts/web/values.schema.json", """
                {
                  "$schema": "http://json-schema.org/draft-07/schema#",
                  "type": "object",
                  "properties": {
                    "replicaCount": { "type": "integer", "minimum": 1 },
                    "image": { "type": "object", "properties": { "tag": { "type": "string" } }, "required": ["repository"] }
                  }
                }
                """);
        p.file("charts/web/templates/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}
                data:
                  replicas: "{{ .Values.replicaCount }}"
                """);
        return p;
    }

    static String stack(String values) {
        return """
                import { useInstance } from "creact";
                import { HelmRelease } from "creact/helm";
                import { LocalFile } from "creact/local";

                export default function App() {
                  const web = useInstance(HelmRelease, { key: "web", chart: "./charts/web", namespace: "web", values: %s });
                  useInstance(LocalFile, { key: "release", path: "out/release.txt",
                    content: `revision=${web.outputs.revision} status=${web.outputs.status} resources=${web.outputs.resources}` });
                  return null;
                }
                """.formatted(values);
    }

    /** Installs the recorded helm as {@code bin/helm} of the project, with a kubeconfig and context in the settings. */
    static Path recordedHelm(Path root) {
        try (InputStream in = HelmFixtures.class.getResourceAsStream("/helm/recorded-helm")) {
            Path helm = root.resolve("bin/helm");
            Files.createDirectories(helm.getParent());
            Files.write(helm, in.readAllBytes());
            Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(root.resolve("kubeconfig.yaml"), "apiVersion: v1\nkind: Config\n");
            Files.writeString(root.resolve("creact.config.json"), """
                    { "providers": { "helm": { "binary": "%s", "kubeconfig": "kubeconfig.yaml", "context": "kind-dev" } } }
                    """.formatted(helm));
            return helm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> calls(Path root) {
        try {
            Path log = root.resolve("bin/calls.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
