package dev.creact.engine.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Something that watches the engine's lifecycle: a build finished, a deployment moved on, something
 * failed. Extensions observe; they cannot change a plan or a deployment.
 */
public interface Extension {
    String name();

    /** What it listens to, for {@code creact info}. */
    default java.util.Set<String> hooks() {
        return java.util.Set.of("onBuild", "onDeploy", "onError");
    }

    /** A build produced a CloudDOM (summary: stack, resource count). */
    default void onBuild(ObjectNode event) {
    }

    /** A deployment event: started, operation finished, finished (with status). */
    default void onDeploy(ObjectNode event) {
    }

    /** Something failed (a build, an operation, a deployment). */
    default void onError(ObjectNode event) {
    }
}
