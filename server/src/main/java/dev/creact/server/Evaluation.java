package dev.creact.server;

import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * What the editor shows for one stack, as of the latest finished evaluation.
 *
 * @param root     the project root (source spans are relative to it)
 * @param entry    the entry file
 * @param stack    the stack name
 * @param plan     the latest plan, or the last good one when {@code stale}; null when there never was one
 * @param stale    the latest evaluation failed, so {@code plan} is from an earlier version of the files
 * @param problems the latest evaluation's problems
 * @param deployProblems what went wrong in the last deploy from the editor (empty when it went well)
 * @param deployed the deployed state (outputs), empty before the first deploy
 * @param warnings what the stack's state says beside the plan (an interrupted deployment, one in progress)
 */
public record Evaluation(Path root, Path entry, String stack, Plan plan, boolean stale, List<Problem> problems,
                         List<Problem> deployProblems, CloudDom deployed, List<Problem> warnings) {
    public Evaluation {
        problems = List.copyOf(problems);
        deployProblems = List.copyOf(deployProblems);
        warnings = List.copyOf(warnings);
    }

    public Evaluation(Path root, Path entry, String stack, Plan plan, boolean stale, List<Problem> problems,
                      List<Problem> deployProblems, CloudDom deployed) {
        this(root, entry, stack, plan, stale, problems, deployProblems, deployed, List.of());
    }

    public Evaluation withDeployProblems(List<Problem> newProblems) {
        return new Evaluation(root, entry, stack, plan, stale, problems, newProblems, deployed, warnings);
    }

    /** The absolute path of a file named in a source span. */
    public Path resolve(String file) {
        return root.resolve(file).normalize();
    }
}
