package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.DeploymentStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A state source for tests: stacks of mock-like resources held in memory. */
final class FakeSource implements StateSource {
    final Map<String, StackUpdate> stacks = new ConcurrentHashMap<>();

    static ObjectNode outputs(String... kv) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        return o;
    }

    /** A deployed stack of n resources r0..r(n-1), each with output {@code id}. */
    static StackUpdate deployed(String stack, int n) {
        var list = new ArrayList<ResourceState>();
        ObjectNode stackOutputs = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < n; i++) {
            var outs = outputs("id", "r" + i + "-id");
            list.add(new ResourceState("r" + i, "mock:Resource", ResourceStatus.DEPLOYED, null, outs));
            stackOutputs.set("r" + i, outs);
        }
        return new StackUpdate(stack, DeploymentStatus.DEPLOYED, 1, true, list, List.of(), stackOutputs, null, null, null, null);
    }

    FakeSource with(StackUpdate update) {
        stacks.put(update.stack(), update);
        return this;
    }

    @Override
    public List<String> stacks() {
        return List.copyOf(stacks.keySet());
    }

    @Override
    public Optional<StackUpdate> snapshot(String stack) {
        return Optional.ofNullable(stacks.get(stack));
    }
}
