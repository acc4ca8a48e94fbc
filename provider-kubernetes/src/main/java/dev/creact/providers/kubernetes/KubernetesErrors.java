package dev.creact.providers.kubernetes;

import dev.creact.engine.provider.ProviderException;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server's answer as creact's kind of failure: no answer at all (code 0), throttling (429) and
 * server errors (5xx) may pass and are transient; everything else (forbidden, invalid, not found) is
 * permanent. The message is the server's own, with what was being done and the resource.
 */
final class KubernetesErrors {
    private KubernetesErrors() {
    }

    static ProviderException of(KubernetesClientException e, String doing, String resource) {
        int code = e.getCode();
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        boolean transientFailure = code == 0 || code == 429 || code >= 500;
        String text = "kubernetes: " + doing + " (resource " + resource + "): " + (code == 0 ? "no answer from the API server: " : "HTTP " + code + ": ")
                + message;
        return new ProviderException(text, transientFailure, e);
    }
}
