package dev.creact.engine.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.js.TranspiledModule;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * What incremental rendering keeps between two renders of one stack: the last render's declarations and the
 * runtime's memo of which component instance declared which of them, with what it read. A long-lived caller (the
 * language server, {@code creact dev}) keeps one per stack and passes it with each build; the next render then runs
 * only the instances whose code or inputs changed and takes the others' declarations from here. One-shot commands
 * pass none and render everything.
 *
 * <p>The result is the same as a full render's (the memo's property test holds them side by side). It relies on
 * components being functions of their props, context values, state and the outputs they read, as React's
 * components are (see the runtime's "incremental rendering" section for what makes an instance render every time).
 *
 * <p>It also names the code for the runtime: each user module's hash covers its text and the texts of the modules
 * it imports, transitively, so an edit of a module re-renders the instances of every component whose module
 * depends on it.
 */
public final class RenderMemo {
    /** How much one render reused. */
    public record Stats(int reused, int rendered, int nodesReused) {
        public static final Stats NONE = new Stats(0, 0, 0);
    }

    /** The last successful render: its inputs, its declarations and the runtime's memo of them. */
    record Last(Path projectRoot, Path entry, CloudDom previous, List<DeclaredNode> nodes, String entries) {
    }

    private final AtomicReference<Last> last = new AtomicReference<>();
    private volatile Stats stats = Stats.NONE;
    /** Per module: the text its facts were worked out from, its own hash and what it imports. */
    private final Map<Path, Facts> facts = new ConcurrentHashMap<>();

    private record Facts(String original, String code, String hash, List<String> imports, boolean opaque) {
    }

    /** How much the last render through this memo reused. */
    public Stats lastStats() {
        return stats;
    }

    /** Forgets everything: the next render is a full one. */
    public void clear() {
        last.set(null);
    }

    Last last(RenderRequest request) {
        Last l = last.get();
        if (l == null || !l.projectRoot().equals(request.projectRoot()) || !l.entry().equals(request.entry())) {
            return null;
        }
        return l;
    }

    void remember(RenderRequest request, List<DeclaredNode> nodes, String entries, Stats renderStats) {
        stats = renderStats;
        if (entries != null) {
            last.set(new Last(request.projectRoot(), request.entry(), request.previous(), List.copyOf(nodes), entries));
        }
    }

    /** The runtime's memo input: module hashes, what changed in the deployed state, and the last render's memo. */
    String input(RenderRequest request, Map<Path, TranspiledModule> modules, Last previous) {
        var root = new StringBuilder(256);
        root.append("{\"hashes\":").append(Json.write(hashes(modules)));
        if (previous != null) {
            var changed = changes(previous.previous(), request.previous());
            root.append(",\"changedOutputs\":").append(Json.write(changed.outputs()));
            if (!changed.outputs().isEmpty()) {
                // The last render's nodes whose outputs changed, by index: an entry's own nodes are a range of them.
                var indices = new ArrayList<Integer>();
                var nodes = previous.nodes();
                for (int i = 0; i < nodes.size(); i++) {
                    if (changed.outputs().contains(nodes.get(i).id())) {
                        indices.add(i);
                    }
                }
                root.append(",\"changedNodes\":").append(Json.write(indices));
            }
            root.append(",\"changedState\":").append(Json.write(changed.state()));
            root.append(",\"entries\":").append(previous.entries());
        }
        return root.append('}').toString();
    }

    private record Changes(Set<String> outputs, Set<String> state) {
    }

    /** The resources whose outputs and the component paths whose state differ between two deployed states. */
    private static Changes changes(CloudDom before, CloudDom now) {
        if (before == now) {
            return new Changes(Set.of(), Set.of());
        }
        var outputs = new TreeSet<String>();
        var was = new HashMap<String, JsonNode>();
        for (Node n : before.allNodes()) {
            was.put(n.id(), n.outputs());
        }
        for (Node n : now.allNodes()) {
            JsonNode old = was.remove(n.id());
            if (!Objects.equals(old, n.outputs())) {
                outputs.add(n.id());
            }
        }
        outputs.addAll(was.keySet());
        var state = new TreeSet<String>();
        var stateBefore = before.componentState();
        var stateNow = now.componentState();
        for (String p : union(stateBefore.keySet(), stateNow.keySet())) {
            if (!Objects.equals(stateBefore.get(p), stateNow.get(p))) {
                state.add(p);
            }
        }
        return new Changes(outputs, state);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    // `import … from "x"`, `export … from "x"` and `import "x"`, at the start of a line of swc's output.
    static final Pattern IMPORT = Pattern.compile(
            "^\\s*(?:import|export)\\b[^;\"'`]*?\\bfrom\\s*([\"'])([^\"']+)\\1|^\\s*import\\s*([\"'])([^\"']+)\\3",
            Pattern.MULTILINE);

    /** The specifiers {@link #IMPORT} finds in {@code code}, in order. */
    static List<String> importsOf(String code) {
        var imports = new ArrayList<String>();
        for (var m : dev.creact.engine.js.LineStartMatches.of(IMPORT, code, RenderMemo::importOrExportAt)) {
            imports.add(m.group(2) != null ? m.group(2) : m.group(4));
        }
        return imports;
    }

    /**
     * Whether the line at {@code i} starts, after white space, with import or export. A blank line is passed over:
     * the pattern's {@code \s*} would reach the same words from it as from the next line's start, with the same
     * groups (and stopping there keeps a file of blank lines linear).
     */
    private static boolean importOrExportAt(String code, int i) {
        int q = i;
        while (q < code.length() && (code.charAt(q) == ' ' || code.charAt(q) == '\t' || code.charAt(q) == '\u000B'
                || code.charAt(q) == '\f')) {
            q++;
        }
        return code.startsWith("import", q) || code.startsWith("export", q);
    }

    /** Each module's hash: of its own text and of every module it imports, directly or not. */
    Map<String, String> hashes(Map<Path, TranspiledModule> modules) {
        var own = new HashMap<Path, Facts>();
        for (var e : modules.entrySet()) {
            own.put(e.getKey(), facts(e.getKey(), e.getValue()));
        }
        var graph = new HashMap<Path, Set<Path>>();
        for (var e : own.entrySet()) {
            graph.put(e.getKey(), e.getValue().opaque() ? null : resolve(e.getKey(), e.getValue().imports(), modules.keySet()));
        }
        var out = new LinkedHashMap<String, String>();
        for (Path p : modules.keySet()) {
            var members = new TreeSet<String>();
            var seen = new HashSet<Path>();
            var todo = new ArrayDeque<Path>(List.of(p));
            boolean all = false;
            while (!todo.isEmpty() && !all) {
                Path q = todo.pop();
                if (!seen.add(q)) {
                    continue;
                }
                members.add(q + "\u0000" + own.get(q).hash());
                Set<Path> next = graph.get(q);
                if (next == null) {
                    all = true; // an import this cannot follow: the module depends on every module
                } else {
                    todo.addAll(next);
                }
            }
            if (all) {
                members.clear();
                own.forEach((q, f) -> members.add(q + "\u0000" + f.hash()));
            }
            out.put(p.toString(), sha256(String.join("\n", members)));
        }
        return out;
    }

    private Facts facts(Path path, TranspiledModule module) {
        Facts f = facts.get(path);
        if (f != null && f.original().equals(module.original()) && f.code().equals(module.code())) {
            return f;
        }
        var imports = importsOf(module.code());
        boolean opaque = module.code().contains("import(") || module.code().contains("require(");
        f = new Facts(module.original(), module.code(), sha256(path + "\u0000" + module.original()), List.copyOf(imports), opaque);
        facts.put(path, f);
        return f;
    }

    /** The loaded modules an import list names; null when one of them cannot be told (then: all of them). */
    private static Set<Path> resolve(Path from, List<String> specifiers, Set<Path> loaded) {
        var out = new HashSet<Path>();
        for (String s : specifiers) {
            if (s.equals("creact") || s.startsWith("creact/")) {
                continue; // creact's own modules: part of the engine's version, not of the project
            }
            if (!s.startsWith("./") && !s.startsWith("../") && !s.startsWith("/")) {
                return null;
            }
            Path base = (s.startsWith("/") ? Path.of(s) : from.getParent().resolve(s)).normalize();
            boolean found = false;
            for (Path p : loaded) {
                if (p.equals(base) || isVariant(p, base)) {
                    out.add(p);
                    found = true;
                }
            }
            if (!found) {
                return null;
            }
        }
        return out;
    }

    /** {@code base.tsx} and the like, or {@code base/index.tsx} and the like. */
    private static boolean isVariant(Path p, Path base) {
        String name = p.getFileName().toString();
        Path parent = p.getParent();
        if (parent == null) {
            return false;
        }
        if (parent.equals(base.getParent()) && name.startsWith(base.getFileName() + ".")) {
            return true;
        }
        return parent.equals(base) && name.startsWith("index.");
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
