package dev.creact.engine.render;

import dev.creact.engine.model.ConstructSchema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.js.BuiltinModules;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.js.JsEvaluationException;
import dev.creact.engine.js.JsHost;
import dev.creact.engine.js.ProjectConfinement;
import dev.creact.engine.js.ProjectFileSystem;
import dev.creact.engine.js.TranspiledModule;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import dev.creact.engine.model.SourceSpan;

import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a user's entry module in the sandbox and returns what it declared. The JavaScript side
 * ({@code creact.mjs}) does the rendering and hands back one JSON document; this side maps source
 * positions back to the original files and turns failures into {@link Problem}s.
 */
public final class Renderer {
    private final JsHost host;

    public Renderer(JsHost host) {
        this.host = host;
    }

    public RenderResult render(RenderRequest request, CancellationToken token) {
        return render(request, token, false);
    }

    /** Key under which component state keeps the deps each effect last ran with ('@' is never in a component path). */
    public static final String EFFECTS_KEY = "@effects";

    private static String previousEffectDeps(CloudDom previous) {
        var saved = previous.componentState().get(EFFECTS_KEY);
        return saved == null || saved.isEmpty() ? "{}" : Json.write(saved.getFirst());
    }

    private static RenderResult withEffects(RenderResult result, String json, String console) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the runtime returned malformed JSON", e);
        }
        var state = new LinkedHashMap<String, List<JsonNode>>();
        root.path("state").properties().forEach(e -> {
            var values = new ArrayList<JsonNode>();
            e.getValue().forEach(values::add);
            state.put(e.getKey(), values);
        });
        state.put(EFFECTS_KEY, List.of(root.path("deps")));
        var ran = new ArrayList<JsonNode>();
        root.path("ran").forEach(ran::add);
        return new RenderResult(result.nodes(), state, ran, result.constructs(), result.modules(), console, List.of(),
                result.outputsRead(), result.stackOutputs());
    }

    /**
     * Renders; with {@code runEffects}, then runs the effects whose deps changed since they last ran (after a
     * deploy), and returns the component state they leave, with the ran effects' keys as {@code effects}.
     */
    public RenderResult render(RenderRequest request, CancellationToken token, boolean runEffects) {
        Path entry = request.entry();
        if (!request.overlays().containsKey(entry) && !Files.isRegularFile(entry)) {
            return failure(Problem.error("entry-not-found",
                    "entry file " + request.relative(entry) + " does not exist",
                    null, null, "pass --entry FILE, or run `creact init` to write a starter infrastructure.tsx"));
        }
        if (!entry.startsWith(request.projectRoot())) {
            return failure(Problem.error("entry-outside-project",
                    "entry file " + entry + " is outside the project root " + request.projectRoot(),
                    null, null, "run creact from the project folder"));
        }
        try {
            new ProjectConfinement(request.projectRoot()).check(entry);
        } catch (AccessDeniedException e) {
            return failure(Problem.error("entry-outside-project", "entry file: " + e.getReason(), null, null,
                    "point --entry at a file of the project itself, not a link out of it"));
        }
        String input = previousInput(request.previous(), request.appContext());
        String bootstrap = "import * as entry from " + Json.write(entry.toString()) + ";\n"
                + "import { __creactRender } from \"creact\";\n"
                + "import \"creact/local\";\nimport \"creact/mock\";\n"
                + "export { __creactRunningComponents as running } from \"creact\";\n"
                + "export { __creactRunEffects as runEffects } from \"creact\";\n"
                + "export { __creactMemoOut as memoOut, __creactMemoStats as memoStats } from \"creact\";\n"
                + "export function render(input, memo) { return __creactRender(entry.default, input, undefined, memo); }\n";
        try {
            return host.run(request.projectRoot(), request.overlays(), request.limits(), token, session -> {
                var ns = session.evalModule("creact-bootstrap.mjs", bootstrap);
                session.setRunningComponents(ns.getMember("running"));
                var memo = request.memo();
                var last = memo == null ? null : memo.last(request);
                String memoInput = memo == null ? null : memo.input(request, session.fileSystem().loadedModules(), last);
                String json = ns.getMember("render").execute(input, memoInput).asString();
                var result = parse(request, json, session.fileSystem(), session.consoleOutput(),
                        last == null ? List.of() : last.nodes());
                if (memo != null) {
                    var out = ns.getMember("memoOut").execute();
                    String[] stats = ns.getMember("memoStats").execute().asString().split(",");
                    memo.remember(request, result.nodes(), out.isNull() ? null : out.asString(), new RenderMemo.Stats(
                            Integer.parseInt(stats[0]), Integer.parseInt(stats[1]), Integer.parseInt(stats[2])));
                }
                if (runEffects && !result.effects().isEmpty()) {
                    return withEffects(result, ns.getMember("runEffects").execute(previousEffectDeps(request.previous()))
                            .asString(), session.consoleOutput());
                }
                return result;
            });
        } catch (JsEvaluationException e) {
            return failure(toProblem(request, e));
        }
    }

    private static RenderResult failure(Problem problem) {
        return new RenderResult(List.of(), Map.of(), List.of(), Map.of(), List.of(), "", List.of(problem), true, null);
    }

    private static String previousInput(CloudDom previous, JsonNode appContext) {
        var root = Json.mapper().createObjectNode();
        if (appContext != null) {
            root.set("appContext", appContext);
        }
        var outputs = root.putObject("outputs");
        for (Node n : previous.allNodes()) {
            if (!n.outputs().isEmpty()) {
                outputs.set(n.id(), n.outputs());
            }
        }
        var state = root.putObject("state");
        previous.componentState().forEach((path, values) -> {
            var arr = state.putArray(path);
            values.forEach(arr::add);
        });
        return Json.write(root);
    }

    private RenderResult parse(RenderRequest request, String json, ProjectFileSystem fs, String console,
                               List<DeclaredNode> reusable) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the runtime returned malformed JSON", e);
        }
        var modules = fs.loadedModules();
        var files = new java.util.HashMap<String, Path>();
        var nodes = new ArrayList<DeclaredNode>();
        var readSearch = ReadSearch.of(json, root);
        int index = -1;
        for (JsonNode n : root.path("nodes")) {
            index++;
            if (n.has("reuse")) {
                // An instance the memo reused: its declarations are the last render's, in this place.
                int from = n.path("reuse").path(0).asInt(-1);
                int to = n.path("reuse").path(1).asInt(-1);
                if (from < 0 || to < from || to > reusable.size()) {
                    throw new IllegalStateException("the runtime reused nodes " + from + ".." + to + " of a render of "
                            + reusable.size());
                }
                nodes.addAll(reusable.subList(from, to));
                continue;
            }
            var path = new ArrayList<String>();
            n.path("path").forEach(p -> path.add(p.asText()));
            var components = new ArrayList<String>();
            n.path("components").forEach(p -> components.add(p.asText()));
            List<String> reads = readSearch.readsOf(index, n);
            nodes.add(new DeclaredNode(n.path("id").asText(), path, n.path("type").asText(),
                    n.path("props").isObject() ? (ObjectNode) n.path("props") : Json.mapper().createObjectNode(),
                    n.path("parent").isTextual() ? n.path("parent").asText() : null,
                    span(request, modules, files, n.path("source")), components, reads));
        }
        var state = new LinkedHashMap<String, List<JsonNode>>();
        root.path("state").properties().forEach(e -> {
            var values = new ArrayList<JsonNode>();
            e.getValue().forEach(values::add);
            state.put(e.getKey(), values);
        });
        var savedEffects = request.previous().componentState().get(EFFECTS_KEY);
        if (savedEffects != null) {
            state.put(EFFECTS_KEY, savedEffects);
        }
        var effects = new ArrayList<JsonNode>();
        root.path("effects").forEach(effects::add);
        var constructs = new LinkedHashMap<String, ConstructSchema>();
        root.path("constructs").properties().forEach(e ->
                constructs.put(e.getKey(), ConstructSchema.fromJson(e.getKey(), e.getValue())));
        return new RenderResult(nodes, state, effects, constructs, fs.loadOrder(), console, List.of(),
                root.path("outputsRead").asBoolean(true),
                root.path("stackOutputs").isObject() ? (ObjectNode) root.path("stackOutputs") : null);
    }

    private static SourceSpan span(RenderRequest request, Map<Path, TranspiledModule> modules, Map<String, Path> files,
                                   JsonNode source) {
        if (!source.isObject()) {
            return null;
        }
        String file = source.path("file").asText();
        Path path = files.computeIfAbsent(file, f -> {
            try {
                return f.startsWith("file:") ? Path.of(URI.create(f)) : Path.of(f);
            } catch (RuntimeException e) {
                return null;
            }
        });
        if (path == null) {
            return null;
        }
        if (BuiltinModules.isBuiltinPath(path)) {
            return null;
        }
        int line = source.path("line").asInt();
        int column = source.path("column").asInt();
        if (!source.path("mapped").asBoolean(false)) {
            var module = modules.get(path);
            if (module != null) {
                int[] pos = module.map().toOriginal(line, column);
                line = pos[0];
                column = pos[1];
            }
        }
        return new SourceSpan(request.relative(path), line, column);
    }

    /** A failure of user code as a problem: what, where, which resource, and what to do next. */
    static Problem toProblem(RenderRequest request, JsEvaluationException e) {
        SourceSpan where = e.path() == null ? null
                : new SourceSpan(request.relative(Path.of(e.path())), Math.max(1, e.line()), Math.max(1, e.column()));
        var details = e.details();
        String resourceId = (String) details.get("resourceId");
        String hint = (String) details.get("hint");
        String code;
        String message = e.getMessage();
        switch (e.kind()) {
            case SYNTAX -> {
                code = "syntax-error";
                message = "syntax error: " + message;
                hint = "fix the syntax; creact evaluates the file again when it parses";
            }
            case SOURCE_LIMIT -> code = (String) details.get("code");
            case IMPORT -> {
                code = "unresolved-import";
                hint = "imports must be relative paths to files in the project (with or without extension) "
                        + "or one of " + String.join(", ", BuiltinModules.specifiers());
            }
            case SANDBOX -> {
                code = "sandbox-violation";
                hint = "components run in a sandbox without Java, file, network or process access; "
                        + "describe resources with constructs (creact/local, creact/mock, ...) instead";
            }
            case TIMEOUT -> {
                code = "time-limit";
                hint = "look for a loop that never ends or a component that renders itself; "
                        + "the limit is set with --eval-timeout";
            }
            case MEMORY -> {
                code = "memory-limit";
                hint = "look for a loop that keeps allocating, or a very large array, buffer or string";
            }
            case CANCELLED -> code = "cancelled";
            case INTERNAL -> {
                code = "internal-error";
                hint = "this is a bug in creact; please report it with the file that triggers it";
            }
            default -> {
                code = details.get("code") instanceof String c ? c : "runtime-error";
                if (details.containsKey("code") && message != null && message.startsWith("CreactError: ")) {
                    message = message.substring("CreactError: ".length());
                }
                if (message != null && message.startsWith("RangeError: Maximum call stack size exceeded")) {
                    code = "stack-overflow";
                    hint = "a component or function calls itself without end";
                }
            }
        }
        var sb = new StringBuilder(message == null ? "error" : message);
        Object components = details.get("componentStack");
        if (components instanceof List<?> list && !list.isEmpty()) {
            sb.append("\n  in components: ");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : " < ").append(list.get(i));
            }
        }
        if (!e.stack().isEmpty()) {
            sb.append("\n  at ");
            sb.append(String.join("\n  at ", e.stack().stream().limit(8)
                    .map(s -> relativize(request, s)).toList()));
        }
        return Problem.error(code, relativize(request, sb.toString()), where, resourceId, hint);
    }

    private static String relativize(RenderRequest request, String frame) {
        String root = request.projectRoot().toString() + "/";
        return frame.replace(root, "");
    }
}
