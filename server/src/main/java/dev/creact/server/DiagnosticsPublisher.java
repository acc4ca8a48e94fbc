package dev.creact.server;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sends the client only the diagnostics that changed. An evaluation re-derives the diagnostics of every
 * file its stacks load, but a keystroke usually changes those of one file: a file whose list and document
 * version are the ones last sent is not sent again, and a file that has none any more is cleared once.
 * The version is part of the comparison so that a client that tracks versions always holds diagnostics
 * tagged with the version of the text it shows.
 *
 * <p>Not thread-safe: the server calls it under its publish lock.
 */
final class DiagnosticsPublisher {
    private record Sent(Integer version, List<Diagnostic> diagnostics) {
    }

    private final Map<Path, Sent> sent = new HashMap<>();

    /**
     * Publishes {@code all} (file → diagnostics, {@code versions} the document versions they were computed
     * from, absent for files not open) through {@code client}, skipping what the client already has.
     *
     * @return how many notifications were sent
     */
    int publish(Map<Path, List<Diagnostic>> all, Map<Path, Integer> versions,
                Consumer<PublishDiagnosticsParams> client) {
        int notifications = 0;
        for (var it = sent.entrySet().iterator(); it.hasNext(); ) {
            var gone = it.next();
            if (!all.containsKey(gone.getKey())) {
                client.accept(new PublishDiagnosticsParams(DocumentStore.uri(gone.getKey()), List.of()));
                it.remove();
                notifications++;
            }
        }
        for (var e : all.entrySet()) {
            Integer version = versions.get(e.getKey()); // null: not open
            var now = new Sent(version, List.copyOf(e.getValue()));
            var before = sent.get(e.getKey());
            if (before != null && Objects.equals(before.version(), version) && before.diagnostics().equals(now.diagnostics())) {
                continue;
            }
            var params = new PublishDiagnosticsParams(DocumentStore.uri(e.getKey()), now.diagnostics());
            params.setVersion(version);
            client.accept(params);
            sent.put(e.getKey(), now);
            notifications++;
        }
        return notifications;
    }
}
