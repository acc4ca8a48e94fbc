package dev.creact.engine.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Problem;
import dev.creact.engine.provider.DeclarationLoader;
import dev.creact.engine.provider.ProviderPlugin;
import dev.creact.engine.render.DeclaredNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs the {@link DeclarationLoader}s of the provider plugins over a render's declared resources: each
 * resource of a loader plugin's construct types is loaded (its Terraform module read, its chart's schema
 * checked), gets the props the loader adds, and every finding becomes a build error at the resource's file
 * and line. A loader that throws is reported the same way, naming the plugin, and affects nothing else.
 */
public final class DeclarationLoading {
    /** The declared resources with the added props, and the problems found. */
    public record Result(List<DeclaredNode> nodes, List<Problem> problems) {
        public Result {
            nodes = List.copyOf(nodes);
            problems = List.copyOf(problems);
        }
    }

    private DeclarationLoading() {
    }

    public static Result apply(List<DeclaredNode> declared, Path projectRoot, Collection<ProviderPlugin> plugins) {
        var loaders = new java.util.LinkedHashMap<String, DeclarationLoader>();
        for (ProviderPlugin p : plugins) {
            if (p instanceof DeclarationLoader loader) {
                loaders.put(p.name() + ":", loader);
            }
        }
        if (loaders.isEmpty()) {
            return new Result(declared, List.of());
        }
        var nodes = new ArrayList<DeclaredNode>(declared.size());
        var problems = new ArrayList<Problem>();
        for (DeclaredNode n : declared) {
            DeclarationLoader loader = null;
            String plugin = null;
            for (var e : loaders.entrySet()) {
                if (n.type().startsWith(e.getKey())) {
                    loader = e.getValue();
                    plugin = e.getKey().substring(0, e.getKey().length() - 1);
                }
            }
            if (loader == null) {
                nodes.add(n);
                continue;
            }
            DeclarationLoader.Loaded loaded;
            try {
                loaded = loader.load(new DeclarationLoader.Declaration(n.id(), n.type(), n.props(), projectRoot));
            } catch (RuntimeException e) {
                problems.add(Problem.error("load-failed", "the " + plugin + " plugin could not load it: " + e,
                        n.source(), n.id(), null));
                nodes.add(n);
                continue;
            }
            for (var f : loaded.findings()) {
                problems.add(Problem.error(f.code(), f.message(), n.source(), n.id(), f.hint()));
            }
            if (loaded.addedProps().isEmpty()) {
                nodes.add(n);
            } else {
                ObjectNode props = n.props().deepCopy();
                props.setAll(loaded.addedProps());
                nodes.add(new DeclaredNode(n.id(), n.path(), n.type(), props, n.parentId(), n.source(), n.components(),
                        n.reads()));
            }
        }
        return new Result(nodes, problems);
    }
}
