package dev.creact.engine.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.DeploymentState;
import dev.creact.engine.model.Node;
import dev.creact.engine.plan.RecordedEdges;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ProviderRouter;
import dev.creact.engine.provider.ResourceRequest;

import java.nio.file.Path;
import java.util.List;

/**
 * What exists after an interrupted deployment: the state it started from, plus every operation its journal
 * shows completed. An operation with an intent and no result may or may not have happened, so the
 * provider's read decides: a create the provider has is kept (not created again), a delete whose resource
 * is gone is done, anything else runs again.
 */
final class Recovery {
    private final ProviderRouter router;
    private final Path projectRoot;
    private final EventSink events;
    private final SecretResolution secrets;

    Recovery(ProviderRouter router, Path projectRoot, EventSink events) {
        this(router, projectRoot, events, SecretResolution.NONE);
    }

    /** With {@code secrets}, the outputs a read finds are sealed as a deploy's are (what is sensitive never lands in the state). */
    Recovery(ProviderRouter router, Path projectRoot, EventSink events, SecretResolution secrets) {
        this.router = router;
        this.projectRoot = projectRoot;
        this.events = events;
        this.secrets = secrets;
    }

    CloudDom replay(List<JsonNode> journal, DeploymentState record, CloudDom start) {
        var live = new LiveState(start);
        var replay = JournalCodec.replay(journal, record.deploymentId());
        for (var done : replay.completed()) {
            switch (done.step()) {
                case "create", "update" -> {
                    if (done.node() != null) {
                        live.put(done.node());
                    }
                }
                case "delete" -> live.remove(done.id());
                default -> { } // delete-old: the new resource stays
            }
        }
        var targets = record.target().byId();
        for (var open : replay.open()) {
            String id = open.id();
            String step = open.step();
            boolean create = "create".equals(step);
            Node subject = create ? targets.get(id) : live.get(id);
            if (subject == null) {
                continue;
            }
            var provider = router.route(subject.type());
            if (provider.isEmpty()) {
                continue;
            }
            var resolved = resolveForRead(subject, live);
            var request = new ResourceRequest(id, subject.type(), OperationExecutor.withoutDependsOn(resolved),
                    create ? null : subject.outputs(), create ? null : subject.state(), projectRoot);
            try {
                var found = provider.get().read(request);
                switch (step) {
                    case "create" -> {
                        if (found.isPresent()) {
                            events.note(id + ": its create may have run before the interruption; the provider has it, so it is not created again");
                            var redactor = secrets.redactor();
                            live.put(new Node(id, subject.path(), subject.type(), resolved, List.of(),
                                    redactor.redact(secrets.keepSensitive(id, subject.type(), found.get().outputs(),
                                            found.get().providerData(), events)),
                                    redactor.redact(found.get().providerData()), subject.source()));
                        } else {
                            events.note(id + ": its create did not happen before the interruption; it will be created");
                        }
                    }
                    case "delete" -> {
                        if (found.isEmpty()) {
                            events.note(id + ": its delete happened before the interruption");
                            live.remove(id);
                        }
                    }
                    default -> events.note(id + ": " + step + " was interrupted; it will run again");
                }
            } catch (ProviderException ex) {
                events.note(id + ": could not check with the provider (" + ex.getMessage() + "); it will be planned again");
            }
        }
        return RecordedEdges.record(live.toCloudDom(record.target(), start), record.target(), start)
                .withStackOutputs(PropResolver.resolveStackOutputs(record.target().stackOutputs(), live::get));
    }

    /** Props with references resolved where the targets exist; as written where they do not (yet). */
    private static ObjectNode resolveForRead(Node subject, LiveState live) {
        try {
            return PropResolver.resolve(subject.id(), subject.props(), live::get);
        } catch (PropResolver.UnresolvedReferenceException e) {
            return subject.props();
        }
    }
}
