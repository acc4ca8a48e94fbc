package dev.creact.engine.js;

import dev.creact.engine.model.CancellationToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;
import dev.creact.engine.provider.Extension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An extension written in JavaScript or TypeScript: a project module whose default export has any of
 * {@code onBuild(event)}, {@code onDeploy(event)}, {@code onError(event)}. It runs in the sandbox like
 * components (no file, network or process access; a 2 s limit per call) and speaks through
 * {@code console.log}, whose output goes to {@code output}. A failing extension is reported and ignored:
 * extensions observe, they never stop a deployment.
 */
public final class JsExtension implements Extension {
    private static final SandboxLimits LIMITS = SandboxLimits.DEFAULT.withTimeLimit(Duration.ofSeconds(2));

    private final JsHost host;
    private final Path root;
    private final Path file;
    private final String name;
    private final Set<String> hooks;
    private final Consumer<String> output;

    /** Loads the module once to learn its name and hooks. */
    public JsExtension(JsHost host, Path root, Path file, Consumer<String> output) {
        this.host = host;
        this.root = root;
        this.file = file;
        this.output = output;
        String described = host.run(root, Map.of(), LIMITS, CancellationToken.NONE, session -> session.evalModule(
                "creact-extension-probe.mjs", "import ext from " + Json.write(file.toString()) + ";\n"
                        + "export const json = JSON.stringify({ name: ext && ext.name, hooks: ext ? Object.keys(ext)"
                        + ".filter((k) => typeof ext[k] === 'function') : [] });\n").getMember("json").asString());
        var doc = Json.read(described, ObjectNode.class);
        String fileName = file.getFileName().toString();
        this.name = doc.path("name").isTextual() ? doc.path("name").asText() : fileName.replaceAll("\\.[^.]+$", "");
        var found = new LinkedHashSet<String>();
        doc.path("hooks").forEach(h -> {
            if (Set.of("onBuild", "onDeploy", "onError").contains(h.asText())) {
                found.add(h.asText());
            }
        });
        this.hooks = Set.copyOf(found);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> hooks() {
        return hooks;
    }

    @Override
    public void onBuild(ObjectNode event) {
        call("onBuild", event);
    }

    @Override
    public void onDeploy(ObjectNode event) {
        call("onDeploy", event);
    }

    @Override
    public void onError(ObjectNode event) {
        call("onError", event);
    }

    private void call(String hook, ObjectNode event) {
        if (!hooks.contains(hook)) {
            return;
        }
        try {
            String printed = host.run(root, Map.of(), LIMITS, CancellationToken.NONE, session -> {
                session.evalModule("creact-extension-call.mjs", "import ext from " + Json.write(file.toString()) + ";\n"
                        + "ext[" + Json.write(hook) + "](JSON.parse(" + Json.write(Json.write(event)) + "));\n");
                return session.consoleOutput();
            });
            if (!printed.isBlank()) {
                output.accept(printed.strip());
            }
        } catch (JsEvaluationException e) {
            output.accept("extension " + name + " failed in " + hook + ": " + e.getMessage());
        }
    }
}
