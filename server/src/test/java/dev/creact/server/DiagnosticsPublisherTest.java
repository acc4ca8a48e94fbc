package dev.creact.server;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticsPublisherTest {
    private static final Path ENTRY = Path.of("/project/infrastructure.tsx");
    private static final Path SERVICE = Path.of("/project/components/service.tsx");

    private final DiagnosticsPublisher publisher = new DiagnosticsPublisher();
    private final List<PublishDiagnosticsParams> sent = new ArrayList<>();

    private static Diagnostic diagnostic(String message) {
        var d = new Diagnostic(new Range(new Position(1, 0), new Position(1, 5)), message, DiagnosticSeverity.Information,
                "creact");
        d.setCode("plan-update");
        return d;
    }

    private int publish(Map<Path, List<Diagnostic>> all, Map<Path, Integer> versions) {
        return publisher.publish(new HashMap<>(all), new HashMap<>(versions), sent::add);
    }

    @Test
    void sendsEveryFileTheFirstTime() {
        assertEquals(2, publish(Map.of(ENTRY, List.of(diagnostic("1 change")), SERVICE, List.of(diagnostic("~ update a"))),
                Map.of(ENTRY, 1)));
        assertEquals(2, sent.size());
        var entry = sent.stream().filter(p -> p.getUri().equals(DocumentStore.uri(ENTRY))).findFirst().orElseThrow();
        assertEquals(1, entry.getVersion());
        var service = sent.stream().filter(p -> p.getUri().equals(DocumentStore.uri(SERVICE))).findFirst().orElseThrow();
        assertEquals(null, service.getVersion(), "a file that is not open has no version");
    }

    @Test
    void aKeystrokeInOneFileSendsOnlyWhatChanged() {
        publish(Map.of(ENTRY, List.of(diagnostic("1 change")), SERVICE, List.of(diagnostic("~ update a: 7 → 8"))),
                Map.of(SERVICE, 3));
        sent.clear();
        // The edit in service.tsx changes its diagnostics; the entry's are the same as before.
        assertEquals(1, publish(Map.of(ENTRY, List.of(diagnostic("1 change")), SERVICE, List.of(diagnostic("~ update a: 7 → 9"))),
                Map.of(SERVICE, 4)));
        assertEquals(1, sent.size());
        assertEquals(DocumentStore.uri(SERVICE), sent.getFirst().getUri());
        assertEquals("~ update a: 7 → 9", sent.getFirst().getDiagnostics().getFirst().getMessage().getLeft());
    }

    @Test
    void aNewVersionIsSentEvenWithTheSameDiagnostics() {
        publish(Map.of(SERVICE, List.of(diagnostic("~ update a"))), Map.of(SERVICE, 3));
        sent.clear();
        assertEquals(1, publish(Map.of(SERVICE, List.of(diagnostic("~ update a"))), Map.of(SERVICE, 4)),
                "a client tracking versions gets diagnostics tagged with the text it shows");
        assertEquals(4, sent.getFirst().getVersion());
        sent.clear();
        assertEquals(0, publish(Map.of(SERVICE, List.of(diagnostic("~ update a"))), Map.of(SERVICE, 4)));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aFileWithoutDiagnosticsAnyMoreIsClearedOnce() {
        publish(Map.of(ENTRY, List.of(diagnostic("1 change")), SERVICE, List.of(diagnostic("~ update a"))), Map.of());
        sent.clear();
        assertEquals(1, publish(Map.of(ENTRY, List.of(diagnostic("1 change"))), Map.of()));
        assertEquals(DocumentStore.uri(SERVICE), sent.getFirst().getUri());
        assertTrue(sent.getFirst().getDiagnostics().isEmpty());
        sent.clear();
        assertEquals(0, publish(Map.of(ENTRY, List.of(diagnostic("1 change"))), Map.of()), "cleared once, not on every evaluation");
        // And when it has diagnostics again, they are sent.
        assertEquals(1, publish(Map.of(ENTRY, List.of(diagnostic("1 change")), SERVICE, List.of(diagnostic("~ update a"))),
                Map.of()));
    }

    @Test
    void anEmptyListIsStillSentWhenItReplacesDiagnostics() {
        publish(Map.of(ENTRY, List.of(diagnostic("error"))), Map.of(ENTRY, 1));
        sent.clear();
        assertEquals(1, publish(Map.of(ENTRY, List.of()), Map.of(ENTRY, 1)));
        assertTrue(sent.getFirst().getDiagnostics().isEmpty());
    }
}
