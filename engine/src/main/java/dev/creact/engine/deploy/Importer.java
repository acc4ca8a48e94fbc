package dev.creact.engine.deploy;

import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.Node;
import dev.creact.engine.model.Problem;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.Provider;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Adopts one existing resource for {@code creact import}: resolves the props the code declares for it
 * against what is deployed, asks its provider to find it by its provider id, and makes the node the state
 * keeps (what was found, with the outputs and provider data read).
 */
public final class Importer {
    private Importer() {
    }

    /** The node to add to the state, or null with the reason in {@code problems}. */
    public static Node adopt(Provider provider, Node declared, List<String> dependencies, CloudDom deployed,
                             String providerId, Path projectRoot, CancellationToken token, List<Problem> problems) {
        var present = deployed.byId();
        com.fasterxml.jackson.databind.node.ObjectNode props;
        try {
            props = PropResolver.resolve(declared.id(), declared.props(), present::get);
        } catch (PropResolver.UnresolvedReferenceException e) {
            problems.add(Problem.error("unresolved-reference", e.getMessage(), declared.source(), declared.id(),
                    "deploy (or import) the resources it reads first"));
            return null;
        }
        var request = new ResourceRequest(declared.id(), declared.type(), OperationExecutor.withoutDependsOn(props), null,
                null, projectRoot, OperationContext.within(token, Duration.ofMinutes(10)));
        try {
            var found = provider.importExisting(request, providerId);
            if (found.isEmpty()) {
                problems.add(Problem.error("nothing-to-import", "there is no " + declared.type() + " at " + providerId
                        + " to import", declared.source(), declared.id(), "check the id; for local resources it is the path"));
                return null;
            }
            var r = found.get();
            var kept = props.deepCopy();
            if (r.observed() != null) {
                kept.setAll(r.observed());
            }
            return new Node(declared.id(), declared.path(), declared.type(), kept, List.of(), r.outputs(), r.providerData(),
                    declared.source(), dependencies.stream().filter(present::containsKey).toList());
        } catch (ProviderException e) {
            problems.add(Problem.error("import-failed", e.getMessage(), declared.source(), declared.id(), null));
            return null;
        }
    }
}
