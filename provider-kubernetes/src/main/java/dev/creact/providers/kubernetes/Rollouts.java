package dev.creact.providers.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Waits for a Deployment's rollout as {@code kubectl rollout status} does: the controller has seen the
 * latest generation, every replica runs the new template, no old one is left, and all are available. Gives
 * up at the resource's {@code rolloutTimeoutSeconds} (else the provider's), at the call's deadline, or when
 * the deployment is cancelled, saying how far it got and the controller's own reason when it has one.
 */
final class Rollouts {
    private static final Duration POLL = Duration.ofMillis(250);

    private final int defaultTimeoutSeconds;

    Rollouts(int defaultTimeoutSeconds) {
        this.defaultTimeoutSeconds = defaultTimeoutSeconds;
    }

    Deployment await(KubernetesClient client, Deployment applied, ObjectNode props, OperationContext ctx, String resource) throws ProviderException {
        int seconds = props.path("rolloutTimeoutSeconds").asInt(defaultTimeoutSeconds);
        Instant until = Instant.now().plus(Duration.ofSeconds(seconds));
        Instant deadline = Instant.now().plus(ctx.remaining());
        if (deadline.isBefore(until)) {
            until = deadline;
        }
        String ns = applied.getMetadata().getNamespace();
        String name = applied.getMetadata().getName();
        while (true) {
            Deployment d;
            try {
                d = client.apps().deployments().inNamespace(ns).withName(name).get();
            } catch (KubernetesClientException e) {
                throw KubernetesErrors.of(e, "watch the rollout of Deployment " + ns + "/" + name, resource);
            }
            if (d == null) {
                throw ProviderException.permanent("kubernetes: Deployment " + ns + "/" + name + " of " + resource
                        + " was deleted during its rollout");
            }
            if (rolledOut(d)) {
                ctx.progress().accept("Deployment " + ns + "/" + name + " rolled out");
                return d;
            }
            if (ctx.cancelled()) {
                throw ProviderException.permanent("kubernetes: the rollout of Deployment " + ns + "/" + name
                        + " was left unfinished: the deployment was cancelled (" + progress(d) + ")");
            }
            if (Instant.now().isAfter(until)) {
                throw ProviderException.permanent("kubernetes: Deployment " + ns + "/" + name + " of " + resource
                        + " did not roll out within " + seconds + " s (" + progress(d) + ")"
                        + "; raise rolloutTimeoutSeconds or see `kubectl describe deployment -n " + ns + " " + name + "`");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProviderException.permanent("kubernetes: interrupted while waiting for Deployment " + ns + "/" + name);
            }
        }
    }

    static boolean rolledOut(Deployment d) {
        var status = d.getStatus();
        if (status == null) {
            return false;
        }
        long generation = Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
        long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
        int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
        int total = Objects.requireNonNullElse(status.getReplicas(), 0);
        int available = Objects.requireNonNullElse(status.getAvailableReplicas(), 0);
        return observed >= generation && updated >= wanted && total <= updated && available >= updated;
    }

    private static String progress(Deployment d) {
        var s = d.getStatus();
        int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        if (s == null) {
            return "no status yet: is a controller running?";
        }
        String text = Objects.requireNonNullElse(s.getUpdatedReplicas(), 0) + " of " + wanted + " replicas updated, "
                + Objects.requireNonNullElse(s.getAvailableReplicas(), 0) + " available";
        if (s.getConditions() != null) {
            for (DeploymentCondition c : s.getConditions()) {
                if ("False".equals(c.getStatus()) && c.getMessage() != null) {
                    text += "; " + c.getType() + ": " + c.getMessage();
                }
            }
        }
        return text;
    }
}
