package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;
import org.eclipse.jetty.http.HttpMethod;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.creact.providers.docker.DockerProvider.enc;

/**
 * {@code docker:Image}: built with {@code POST /build} from a tar of the context folder (classic builder,
 * no registry: a {@code FROM scratch} image needs nothing from outside), or loaded with
 * {@code POST /images/load} from a tarball, then tagged. The image carries the resource's label and its
 * context digest as labels, so a rebuild of changed files always gets a new id (and the containers given
 * the old id are replaced) even when every layer came from the cache.
 */
final class DockerImages {
    private final DockerEngine engine;

    DockerImages(DockerEngine engine) {
        this.engine = engine;
    }

    ResourceResult create(ResourceRequest request) throws ProviderException {
        ObjectNode props = request.props();
        String tag = props.path("tag").asText();
        if (tag.isBlank()) {
            throw ProviderException.permanent("docker: " + request.id() + " needs a tag");
        }
        if (props.hasNonNull("tarball")) {
            load(request, request.projectRoot().resolve(props.get("tarball").asText()).normalize(), tag);
        } else if (props.hasNonNull("context")) {
            build(request, request.projectRoot().resolve(props.get("context").asText()).normalize(), tag);
        } else {
            throw ProviderException.permanent("docker: " + request.id() + " needs `context` or `tarball`");
        }
        return read(request).orElseThrow(() -> ProviderException.transientFailure(
                "docker: image " + tag + " of " + request.id() + " is not there after it was made"));
    }

    private void build(ResourceRequest request, Path context, String tag) throws ProviderException {
        if (!Files.isDirectory(context)) {
            throw ProviderException.permanent("docker: no build context folder at " + context + " (resource " + request.id() + ")");
        }
        ObjectNode labels = DockerProvider.labels(request);
        if (request.props().hasNonNull("contextDigest")) {
            labels.put("dev.creact.context", request.props().get("contextDigest").asText());
        }
        ObjectNode buildArgs = JsonNodeFactory.instance.objectNode();
        request.props().path("buildArgs").properties().forEach(e -> buildArgs.put(e.getKey(), e.getValue().asText()));
        String query = "?t=" + enc(tag) + "&dockerfile=" + enc(request.props().path("dockerfile").asText("Dockerfile"))
                + "&rm=1&forcerm=1&labels=" + enc(labels.toString()) + "&buildargs=" + enc(buildArgs.toString());
        Path tar = null;
        try {
            tar = Files.createTempFile("creact-docker-context", ".tar");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tar))) {
                BuildContext.writeTar(context, request.props().path("dockerfile").asText("Dockerfile"), out);
            }
            engine.postStream("/build" + query, tar, "application/x-tar", request.context(),
                    line -> request.context().progress().accept(tag + ": " + line));
        } catch (IOException e) {
            throw ProviderException.permanent("docker: cannot pack the build context " + context + ": " + e.getMessage());
        } finally {
            deleteQuietly(tar);
        }
    }

    private void load(ResourceRequest request, Path tarball, String tag) throws ProviderException {
        if (!Files.isRegularFile(tarball)) {
            throw ProviderException.permanent("docker: no image tarball at " + tarball + " (resource " + request.id() + ")");
        }
        List<String> loaded = new ArrayList<>();
        engine.postStream("/images/load?quiet=1", tarball, "application/x-tar", request.context(), line -> {
            request.context().progress().accept(tag + ": " + line);
            for (String l : line.split("\n")) {
                if (l.startsWith("Loaded image ID: ")) {
                    loaded.add(l.substring("Loaded image ID: ".length()).strip());
                } else if (l.startsWith("Loaded image: ")) {
                    loaded.add(l.substring("Loaded image: ".length()).strip());
                }
            }
        });
        if (loaded.isEmpty()) {
            throw ProviderException.permanent("docker: " + tarball + " held no image (resource " + request.id() + ")");
        }
        int colon = tag.lastIndexOf(':');
        boolean hasTag = colon > tag.lastIndexOf('/');
        String repo = hasTag ? tag.substring(0, colon) : tag;
        String version = hasTag ? tag.substring(colon + 1) : "latest";
        engine.post("/images/" + enc(loaded.getFirst()) + "/tag?repo=" + enc(repo) + "&tag=" + enc(version), null,
                request.context());
    }

    Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        String tag = request.props().path("tag").asText();
        String id = request.outputs().path("id").asText("");
        JsonNode image = null;
        if (!id.isEmpty()) {
            image = engine.getOrNull("/images/" + enc(id) + "/json", request.context());
        }
        if (image == null && !tag.isBlank()) {
            image = engine.getOrNull("/images/" + enc(tag) + "/json", request.context());
            // a tag alone is ours only if we built it; a loaded image is trusted by its tag
            if (image != null && request.props().hasNonNull("context")
                    && !DockerProvider.ours(image.path("Config").path("Labels"), request)) {
                image = null;
            }
        }
        if (image == null) {
            return Optional.empty();
        }
        ObjectNode outputs = JsonNodeFactory.instance.objectNode();
        outputs.put("id", image.path("Id").asText());
        outputs.put("ref", tag);
        JsonNode digests = image.path("RepoDigests");
        outputs.put("repoDigest", digests.isArray() && !digests.isEmpty() ? digests.get(0).asText() : "");
        return Optional.of(new ResourceResult(outputs, null));
    }

    /**
     * Removes the image by id. One still used by a container (the old image of a replacement, whose
     * container is replaced next) cannot be removed: it loses nothing but is left for the container's
     * delete, which removes creact's untagged images once nothing uses them.
     */
    void delete(ResourceRequest request) throws ProviderException {
        String id = request.outputs().path("id").asText("");
        if (id.isEmpty()) {
            var found = read(request);
            if (found.isEmpty()) {
                return;
            }
            id = found.get().outputs().path("id").asText();
        }
        String tag = request.props().path("tag").asText();
        JsonNode current = tag.isBlank() ? null : engine.getOrNull("/images/" + enc(tag) + "/json", request.context());
        if (current != null && id.equals(current.path("Id").asText())) {
            removeUnlessUsed("/images/" + enc(tag), request);
        }
        removeUnlessUsed("/images/" + enc(id), request);
    }

    private void removeUnlessUsed(String path, ResourceRequest request) throws ProviderException {
        try {
            engine.call(HttpMethod.DELETE, path, request.context());
        } catch (ProviderException e) {
            if (!e.getMessage().contains("HTTP 409")) {
                throw e;
            }
            request.context().progress().accept("image " + path.substring("/images/".length())
                    + " is still used by a container; it goes with that container");
        }
    }

    /** Removes an image creact made once it is untagged and unused (called after a container is removed). */
    static void removeIfOrphaned(DockerEngine engine, String imageId, ResourceRequest request) {
        try {
            JsonNode image = engine.getOrNull("/images/" + enc(imageId) + "/json", request.context());
            if (image == null || !image.path("Config").path("Labels").has(DockerProvider.RESOURCE_LABEL)) {
                return;
            }
            JsonNode tags = image.path("RepoTags");
            if (tags.isArray() && !tags.isEmpty()) {
                return;
            }
            engine.call(HttpMethod.DELETE, "/images/" + enc(imageId), request.context());
        } catch (ProviderException e) {
            // still in use by another container, or gone: nothing to clean up now
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
