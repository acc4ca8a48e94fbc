package dev.creact.engine;

import dev.creact.engine.core.BuildRequest;
import dev.creact.engine.core.BuildResult;
import dev.creact.engine.core.Engine;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A throw-away project folder with files in it, built through the engine façade as users' files are. */
public final class TestProject {
    private final Path root;

    public TestProject(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public TestProject file(String path, String content) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BuildResult build(Engine engine) {
        return build(engine, null);
    }

    public BuildResult build(Engine engine, CloudDom previous) {
        return engine.build(BuildRequest.of(root, Path.of("infrastructure.tsx"), "dev").withPrevious(previous));
    }

    /** Builds and insists that it succeeded. */
    public CloudDom dom(Engine engine) {
        return dom(engine, null);
    }

    public CloudDom dom(Engine engine, CloudDom previous) {
        var r = build(engine, previous);
        if (!r.ok()) {
            throw new AssertionError("build failed:\n" + r.problems().stream().map(Problem::render)
                    .collect(Collectors.joining("\n")));
        }
        return r.cloudDom();
    }

    public static List<String> ids(CloudDom dom) {
        return dom.allNodes().stream().map(Node::id).toList();
    }

    /** The only problem of a failed build. */
    public Problem onlyProblem(Engine engine) {
        var r = build(engine);
        if (r.problems().size() != 1) {
            throw new AssertionError("expected exactly one problem, got " + r.problems().size() + ":\n"
                    + r.problems().stream().map(Problem::render).collect(Collectors.joining("\n")));
        }
        return r.problems().getFirst();
    }
}
