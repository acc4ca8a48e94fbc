package dev.creact.providers.docker;

import static dev.creact.engine.model.ConstructSchema.props;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.ConstructSchema;
import dev.creact.engine.model.ConstructSchema.PropSpec;
import dev.creact.engine.provider.ConstructDeclaration;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderContext;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.providers.PluginResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code creact/docker}: images built from a context folder or loaded from a tarball, networks and
 * containers, through the Docker Engine API. Its build-time step ({@link DeclarationLoader}) adds the digest
 * of an image's build context as a prop, so an edited file in the context plans as a replacement of the
 * image, whose new {@code id} then replaces the containers that run it.
 */
public final class DockerPlugin implements ProviderPlugin, DeclarationLoader {
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final ContextDigests digests = new ContextDigests();

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public String description() {
        return "images, networks and containers through the Docker Engine API (Unix socket or DOCKER_HOST)";
    }

    @Override
    public String moduleSpecifier() {
        return "creact/docker";
    }

    @Override
    public List<ConstructDeclaration> constructs() {
        return List.of(
                new ConstructDeclaration("DockerImage", new ConstructSchema("docker:Image", props(
                        "tag", new PropSpec("string", true, true, null),
                        "context", new PropSpec("string", false, true, null),
                        "dockerfile", new PropSpec("string", false, true, null),
                        "buildArgs", new PropSpec("object", false, true, null),
                        "tarball", new PropSpec("string", false, true, null),
                        "contextDigest", new PropSpec("string", false, true, null)),
                        List.of("id", "ref", "repoDigest"), Set.of(), false, false, true),
                        "An image built from a context folder (and its Dockerfile) or loaded from a tarball, tagged `tag`. "
                                + "Any change, a file of the context included, replaces it with a new `id`."),
                new ConstructDeclaration("DockerNetwork", new ConstructSchema("docker:Network", props(
                        "name", new PropSpec("string", true, true, null),
                        "driver", new PropSpec("string", false, true, null),
                        "internal", new PropSpec("boolean", false, true, null),
                        "labels", new PropSpec("object", false, true, null)),
                        List.of("id", "name"), false, false),
                        "A network containers join by name (driver `bridge` unless said)."),
                new ConstructDeclaration("DockerContainer", new ConstructSchema("docker:Container", props(
                        "name", new PropSpec("string", true, true, null),
                        "image", new PropSpec("string", true, true, null),
                        "command", new PropSpec("array", false, true, null),
                        "env", new PropSpec("object", false, true, null),
                        "ports", new PropSpec("array", false, true, null),
                        "network", new PropSpec("string", false, true, null),
                        "labels", new PropSpec("object", false, true, null),
                        "restart", new PropSpec("string", false, false, true)),
                        List.of("id", "ipAddress", "ports"), false, false),
                        "A running container. A change of image (give it an image's `id` to follow rebuilds), command, env, "
                                + "ports or network replaces it; `restart` updates in place. Delete stops and removes it."));
    }


    @Override
    public String typeScriptDeclarations() {
        return PluginResources.text(DockerPlugin.class, "/dev/creact/providers/docker/docker.d.ts");
    }

    @Override
    public Map<String, String> settings() {
        var s = new LinkedHashMap<String, String>();
        s.put("host", "the daemon: unix:///path/to/docker.sock or tcp://host:port (default: DOCKER_HOST, else "
                + DEFAULT_HOST + ")");
        s.put("stopTimeoutSeconds", "how long a container may take to stop before it is killed (default 10)");
        return s;
    }

    @Override
    public Provider open(ProviderContext context) {
        ObjectNode settings = context.settings();
        String host = settings.path("host").asText("");
        if (host.isBlank()) {
            String env = System.getenv("DOCKER_HOST");
            host = env == null || env.isBlank() ? DEFAULT_HOST : env;
        }
        int stopTimeout = 10;
        if (settings.has("stopTimeoutSeconds")) {
            if (!settings.get("stopTimeoutSeconds").canConvertToInt() || settings.get("stopTimeoutSeconds").asInt() < 0) {
                throw new IllegalArgumentException("providers.docker.stopTimeoutSeconds must be a whole number of seconds, not "
                        + settings.get("stopTimeoutSeconds"));
            }
            stopTimeout = settings.get("stopTimeoutSeconds").asInt();
        }
        return new DockerProvider(new DockerEngine(host), stopTimeout);
    }

    @Override
    public Loaded load(Declaration declaration) {
        if (!declaration.type().equals("docker:Image")) {
            return new Loaded(null, List.of());
        }
        ObjectNode props = declaration.props();
        boolean hasContext = props.hasNonNull("context");
        boolean hasTarball = props.hasNonNull("tarball");
        if (hasContext == hasTarball) {
            return Loaded.failed(new Finding("docker-image-source",
                    "a DockerImage needs exactly one of `context` (a folder with a Dockerfile) and `tarball` (an image archive)",
                    hasContext ? "drop one of them" : "add context=\"./app\" or tarball=\"./image.tar\""));
        }
        String source = (hasContext ? props.get("context") : props.get("tarball")).asText();
        if (source.contains("${ref:")) {
            return new Loaded(null, List.of());
        }
        Path path = declaration.projectRoot().resolve(source).normalize();
        if (hasTarball) {
            if (!Files.isRegularFile(path)) {
                return Loaded.failed(new Finding("docker-tarball-missing", "no image tarball at " + source,
                        "save one with `docker save -o " + source + " IMAGE`"));
            }
            return added("contextDigest", digests.ofFile(path));
        }
        if (!Files.isDirectory(path)) {
            return Loaded.failed(new Finding("docker-context-missing", "no build context folder at " + source,
                    "point `context` at a folder (relative to the project root)"));
        }
        String dockerfile = props.path("dockerfile").asText("Dockerfile");
        if (!Files.isRegularFile(path.resolve(dockerfile))) {
            return Loaded.failed(new Finding("docker-dockerfile-missing", "no " + dockerfile + " in " + source,
                    "add one, or name it with `dockerfile`"));
        }
        try {
            return added("contextDigest", digests.ofFolder(path, dockerfile));
        } catch (IOException e) {
            return Loaded.failed(new Finding("docker-context-unreadable", "cannot read the build context " + source
                    + ": " + e.getMessage(), null));
        }
    }

    private static Loaded added(String name, String value) {
        ObjectNode added = JsonNodeFactory.instance.objectNode();
        added.put(name, value);
        return new Loaded(added, List.of());
    }
}
