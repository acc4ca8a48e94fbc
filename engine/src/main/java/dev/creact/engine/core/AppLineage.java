package dev.creact.engine.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a nested app sits: the context its parent passes down ({@code useAppContext}) and the apps above it,
 * outermost first (each app's project folder and its name as the plan shows it), so an app that would deploy
 * one of its own ancestors is refused as a cycle, naming the apps on it.
 *
 * @param context   the parent's context for this app (JSON; never null)
 * @param ancestors the project folders above it, outermost (the root app) first, by real path
 * @param names     their names: the root's folder name, then each app's id
 */
public record AppLineage(JsonNode context, List<Path> ancestors, List<String> names) {
    public AppLineage {
        context = context == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : context.deepCopy();
        ancestors = List.copyOf(ancestors);
        names = List.copyOf(names);
    }

    /** The lineage of a child of the app at {@code root} called {@code name}, above it {@code parent} (null: root). */
    static AppLineage childOf(AppLineage parent, Path root, String rootName, String childName, JsonNode context) {
        var roots = new ArrayList<Path>(parent == null ? List.of() : parent.ancestors());
        var names = new ArrayList<String>(parent == null ? List.of() : parent.names());
        roots.add(root);
        names.add(parent == null ? rootName : childName);
        return new AppLineage(context, roots, names);
    }
}
