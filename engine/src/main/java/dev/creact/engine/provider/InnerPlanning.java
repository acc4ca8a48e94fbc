package dev.creact.engine.provider;

import dev.creact.engine.model.Action;
import dev.creact.engine.model.InnerPlan;

/**
 * Implemented by a {@link Provider} whose resources are made of other resources managed by an external
 * tool (a Terraform module's resources, a Helm release's objects): at plan time it tells what the tool
 * would change inside one resource if the planned change were applied, without changing anything (no
 * state written, nothing created). The planner calls it only for resources the plan changes; an unchanged
 * resource costs no call.
 */
public interface InnerPlanning {
    /**
     * The tool's own plan for one planned change. {@code request.props()} are the desired props (references
     * to outputs not known yet stay tokens), {@code request.outputs()} and {@code providerData()} those
     * deployed (empty for a create); {@code action} is the planned action (never delete).
     */
    InnerPlan innerPlan(ResourceRequest request, Action action) throws ProviderException;
}
