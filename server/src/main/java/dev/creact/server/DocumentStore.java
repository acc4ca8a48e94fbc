package dev.creact.server;

import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents the editor has open, by absolute path: their latest text is the source of truth and reaches
 * the engine as overlays. Files that are not open are read from disk.
 */
public final class DocumentStore {
    /** One open document. */
    public record Document(int version, String text) {
    }

    private final Map<Path, Document> open = new ConcurrentHashMap<>();

    public static Path path(String uri) {
        return Path.of(URI.create(uri)).toAbsolutePath().normalize();
    }

    public static String uri(Path path) {
        return path.toUri().toString();
    }

    public void open(Path path, int version, String text) {
        open.put(path, new Document(version, text));
    }

    /** Applies the changes in order (a change without a range replaces the whole text). */
    public void change(Path path, int version, List<TextDocumentContentChangeEvent> changes) {
        open.compute(path, (p, doc) -> {
            String text = doc == null ? read(p) : doc.text();
            if (text == null) {
                text = "";
            }
            for (var change : changes) {
                text = change.getRange() == null ? change.getText()
                        : Positions.apply(text, change.getRange(), change.getText());
            }
            return new Document(version, text);
        });
    }

    public void close(Path path) {
        open.remove(path);
    }

    public boolean isOpen(Path path) {
        return open.containsKey(path);
    }

    /** The editor's text of an open document, else the file on disk, else null. */
    public String text(Path path) {
        var doc = open.get(path);
        return doc != null ? doc.text() : read(path);
    }

    /** The unsaved contents of every open document, for {@code BuildRequest.overlays}. */
    public Map<Path, String> overlays() {
        var map = new HashMap<Path, String>();
        open.forEach((path, doc) -> map.put(path, doc.text()));
        return Map.copyOf(map);
    }

    /** The open documents' texts and versions as of one moment: what an evaluation saw, and so which versions its diagnostics are for. */
    public record Snapshot(Map<Path, String> overlays, Map<Path, Integer> versions) {
    }

    public Snapshot snapshot() {
        var texts = new HashMap<Path, String>();
        var versions = new HashMap<Path, Integer>();
        open.forEach((path, doc) -> {
            texts.put(path, doc.text());
            versions.put(path, doc.version());
        });
        return new Snapshot(Map.copyOf(texts), Map.copyOf(versions));
    }

    private static String read(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.readString(path) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
