package dev.creact.localcloud;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Objects;

/**
 * A Kubernetes API on loopback for one machine: fabric8's mock API server in CRUD mode (objects kept in
 * memory, taught server-side apply by {@link ApplyingCrudDispatcher}). It is an API server without
 * controllers or nodes: nothing runs a pod. So that a Deployment's rollout wait can finish, {@link
 * #markRollouts()} starts a stand-in for the Deployment controller that reports every Deployment's latest
 * generation as rolled out, with all replicas available.
 */
public final class LocalKubernetes implements AutoCloseable {
    /**
     * The mock logs a line per request: with the rollout stand-in polling, that would drown what a user or
     * a test log shows. Warnings still show. (Held: java.util.logging keeps loggers weakly.)
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private volatile boolean running = true;
    private Thread controller;

    private LocalKubernetes(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** On this port of 127.0.0.1 (0: a free one). */
    public static LocalKubernetes start(int port) throws IOException {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ApplyingCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), port);
        return new LocalKubernetes(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client of this server (closed with it). */
    public KubernetesClient client() {
        return client;
    }

    /** A kubeconfig whose only context, {@code local-cloud}, is this server (plain HTTP, a token it ignores). */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local-cloud
                  cluster: { server: "%s" }
                users:
                - name: local-cloud
                  user: { token: "local-cloud" }
                contexts:
                - name: local-cloud
                  context: { cluster: local-cloud, user: local-cloud, namespace: default }
                current-context: local-cloud
                """.formatted(url());
    }

    public void writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, kubeconfig());
    }

    /** Starts the stand-in Deployment controller (see the class comment); it stops with {@link #close()}. */
    public synchronized LocalKubernetes markRollouts() {
        if (controller == null) {
            controller = Thread.ofPlatform().daemon().name("local-cloud-rollouts").start(this::markLoop);
        }
        return this;
    }

    private void markLoop() {
        while (running) {
            try {
                for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                    long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 1L);
                    int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
                    var status = d.getStatus();
                    if (status != null && Objects.equals(status.getObservedGeneration(), generation)
                            && Objects.equals(status.getAvailableReplicas(), replicas)) {
                        continue;
                    }
                    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                            .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
                    client.resource(d).updateStatus();
                }
            } catch (RuntimeException e) {
                // the object changed or went between list and update: the next round sees its new version
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (controller != null) {
            controller.interrupt();
            controller.join();
        }
        client.close();
        server.destroy();
    }
}
