package dev.creact.engine.hotreload;

import dev.creact.engine.ApiSpec;
import dev.creact.engine.TestProject;
import dev.creact.engine.api.Approval;
import dev.creact.engine.api.Asker;
import dev.creact.engine.api.DevCycle;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Plan;
import dev.creact.engine.providers.mock.MockLedger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Hot reload: one save, incrementally deployed")
class HotReloadSpecTest extends ApiSpec {
    /** Answers by a rule and remembers what it was asked. */
    static class ScriptedAsker implements Asker {
        final List<String> askedUnsafe = new ArrayList<>();
        final List<String> askedStep = new ArrayList<>();
        final Predicate<Change> answer;

        ScriptedAsker(Predicate<Change> answer) {
            this.answer = answer;
        }

        @Override
        public boolean applyUnsafe(Plan plan, List<Change> unsafe) {
            unsafe.forEach(c -> askedUnsafe.add(c.id()));
            return unsafe.stream().allMatch(answer);
        }

        @Override
        public boolean applyChange(Plan plan, Change change) {
            askedStep.add(change.id());
            return answer.test(change);
        }
    }

    private DevCycle save(TestProject p, Asker asker, boolean step) {
        return stack(p.root()).devCycle(input("test dev"), step, asker, DeployEvent.Listener.NONE, CancellationToken.NONE);
    }

    private List<MockLedger.Entry> ledger() throws Exception {
        Path file = dir.resolve(".creact/mock-ledger.jsonl");
        return Files.exists(file) ? MockLedger.read(file) : List.of();
    }

    private static String stack(String fileContent, int mockSize, String more) {
        return """
                import { useInstance } from "creact";
                import { LocalFile } from "creact/local";
                import { MockResource } from "creact/mock";
                export default function App() {
                  const m = useInstance(MockResource, { key: "m", size: %d });
                  for (let i = 0; i < 20; i++) useInstance(MockResource, { key: "other" + i, size: 1 });
                  useInstance(LocalFile, { key: "f", path: "out/f.txt", content: "%s" });
                  useInstance(LocalFile, { key: "g", path: "out/g.txt", content: `id ${m.outputs.id}` });
                %s  return null;
                }
                """.formatted(mockSize, fileContent, more);
    }

    @Test
    @DisplayName("a safe change is applied without asking and without a provider call for anything else")
    void safeChangeOnly() throws Exception {
        var p = project(stack("one", 1, ""));
        var first = save(p, new ScriptedAsker(c -> true), false);
        assertEquals(DevCycle.Outcome.APPLIED, first.outcome(), first.problems().toString());
        int calls = ledger().size();

        p.file("infrastructure.tsx", stack("two", 1, ""));
        var asker = new ScriptedAsker(c -> false);
        var cycle = save(p, asker, false);
        assertEquals(DevCycle.Outcome.APPLIED, cycle.outcome(), cycle.problems().toString());
        assertEquals(List.of("f"), cycle.applied());
        assertTrue(asker.askedUnsafe.isEmpty(), "a safe change was asked about: " + asker.askedUnsafe);
        assertEquals("two", Files.readString(dir.resolve("out/f.txt")));
        assertEquals(calls, ledger().size(), "the 21 unchanged mock resources saw a provider call");
    }

    private static final String MORE = """
              const n = useInstance(MockResource, { key: "n" });
              useInstance(LocalFile, { key: "h", path: "out/h.txt", content: `n ${n.outputs.id}` });
            """;

    @Test
    @DisplayName("unsafe changes are asked before any provider call; declined, they are held back and the safe ones still go")
    void declinedUnsafeChanges() throws Exception {
        var p = project(stack("one", 1, ""));
        save(p, new ScriptedAsker(c -> true), false);
        int calls = ledger().size();

        // size is not declared safe by mock:Resource; n and h are new.
        p.file("infrastructure.tsx", stack("two", 2, MORE));
        var asker = new ScriptedAsker(c -> false);
        var cycle = save(p, asker, false);
        assertEquals(List.of("h", "m", "n"), asker.askedUnsafe.stream().sorted().toList());
        assertEquals(DevCycle.Outcome.APPLIED, cycle.outcome(), cycle.problems().toString());
        assertEquals(List.of("f"), cycle.applied());
        assertEquals(java.util.Set.of("h", "m", "n"), cycle.held().keySet());
        assertEquals(calls, ledger().size(), "a declined change reached the provider");
        assertEquals("two", Files.readString(dir.resolve("out/f.txt")));
        assertFalse(Files.exists(dir.resolve("out/h.txt")));

        // The next save asks again: the source still wants them.
        var again = new ScriptedAsker(c -> true);
        var accepted = save(p, again, false);
        assertEquals(List.of("h", "m", "n"), again.askedUnsafe.stream().sorted().toList());
        assertEquals(DevCycle.Outcome.APPLIED, accepted.outcome(), accepted.problems().toString());
        assertTrue(Files.readString(dir.resolve("out/h.txt")).startsWith("n "));
    }

    @Test
    @DisplayName("--step asks about every change; what needs a skipped creation is held back with the reason")
    void stepMode() throws Exception {
        var p = project(stack("one", 1, ""));
        save(p, new ScriptedAsker(c -> true), false);
        int calls = ledger().size();

        p.file("infrastructure.tsx", stack("two", 2, MORE));
        var asker = new ScriptedAsker(c -> !c.id().equals("n"));
        var cycle = save(p, asker, true);
        assertEquals(List.of("f", "h", "m", "n"), asker.askedStep.stream().sorted().toList(), "safe f is asked too");
        assertEquals(DevCycle.Outcome.APPLIED, cycle.outcome(), cycle.problems().toString());
        assertEquals("it depends on 'n', which is held back", cycle.held().get("h"));
        assertEquals("not accepted", cycle.held().get("n"));
        assertEquals(java.util.Set.of("f", "m"), java.util.Set.copyOf(cycle.applied()));
        var calledFor = ledger().subList(calls, ledger().size()).stream().map(MockLedger.Entry::id).distinct().toList();
        assertEquals(List.of("m"), calledFor, "only the accepted mock resource saw a provider call");
        assertFalse(Files.exists(dir.resolve("out/h.txt")));
    }

    @Test
    @DisplayName("a failed deploy is rolled back to the CloudDOM before the save, and the failure is placed at its element")
    void rollbackOnFailure() throws Exception {
        var p = project(stack("one", 1, ""));
        save(p, new ScriptedAsker(c -> true), false);
        var before = new dev.creact.engine.backend.FileStateBackend(dir).read("dev").orElseThrow().cloudDom();

        p.file("infrastructure.tsx", stack("two", 1, "").replace("key: \"m\", size: 1", "key: \"m\", size: 1, failPermanently: true"));
        var cycle = save(p, new ScriptedAsker(c -> true), false);
        assertEquals(DevCycle.Outcome.ROLLED_BACK, cycle.outcome(), cycle.problems().toString());
        assertEquals("one", Files.readString(dir.resolve("out/f.txt")), "f's update was undone");
        var failure = cycle.problems().stream().filter(x -> "m".equals(x.resourceId())).findFirst().orElseThrow();
        assertEquals(5, failure.source().line());
        var after = new dev.creact.engine.backend.FileStateBackend(dir).read("dev").orElseThrow().cloudDom();
        assertEquals(props(before), props(after), "the state is the one from before the save");
        assertTrue(cycle.rollbackMillis() >= 0 && cycle.rollback() != null);
    }

    @Test
    @DisplayName("a save that does not build deploys nothing")
    void brokenSave() throws Exception {
        var p = project(stack("one", 1, ""));
        save(p, new ScriptedAsker(c -> true), false);
        int calls = ledger().size();
        p.file("infrastructure.tsx", stack("two", 1, "").replace("return null;", "return null;; )("));
        var cycle = save(p, new ScriptedAsker(c -> true), false);
        assertEquals(DevCycle.Outcome.BUILD_FAILED, cycle.outcome());
        assertEquals("syntax-error", cycle.problems().getFirst().code());
        assertEquals(calls, ledger().size());
        assertEquals("one", Files.readString(dir.resolve("out/f.txt")));
    }

    @Test
    @DisplayName("when something else deploys between planning and the lock, the save is planned again, not refused")
    void stateMovedOn() throws Exception {
        var p = project(stack("one", 1, ""));
        save(p, new ScriptedAsker(c -> true), false);
        p.file("infrastructure.tsx", stack("two", 1, ""));
        var notes = new ArrayList<String>();
        var interloper = new ScriptedAsker(c -> true) {
            boolean done;

            @Override
            public void applying(Plan accepted, java.util.Map<String, String> held) {
                if (!done) {
                    done = true;
                    stack(p.root()).deploy(input("another deploy"), Approval.ALWAYS, DeployEvent.Listener.NONE,
                            CancellationToken.NONE);
                }
            }
        };
        var cycle = stack(p.root()).devCycle(input("test dev"), false, interloper, e -> {
            if (e instanceof DeployEvent.Note n) {
                notes.add(n.message());
            }
        }, CancellationToken.NONE);
        assertEquals(DevCycle.Outcome.NO_CHANGES, cycle.outcome(), cycle.problems().toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("planning again")), notes.toString());
        assertEquals("two", Files.readString(dir.resolve("out/f.txt")));
    }

    private static java.util.Map<String, String> props(dev.creact.engine.model.CloudDom dom) {
        var out = new java.util.TreeMap<String, String>();
        dom.allNodes().forEach(n -> out.put(n.id(), n.props().toString()));
        return out;
    }
}
