package dev.creact.server;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The language server as editors run it (a process of its own, LSP over stdio, the heap bound
 * {@code bin/creact lsp} gives it), fed edits an attacker or an unlucky paste would make. Before the
 * nesting limit one such {@code didChange} killed the server with SIGSEGV, and the editor restarted it
 * into the same crash; a huge allocation ended in "Java heap space" with no place.
 */
@DisplayName("The language server survives hostile edits and shows them as diagnostics")
class HostileEditsTest {
    private static final String VALID = """
            import { useInstance } from "creact";
            import { MockResource } from "creact/mock";
            export default function App() { useInstance(MockResource, { key: "m" }); return null; }
            """;

    @TempDir
    Path dir;

    private Process process;
    private LanguageServer server;
    private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    private final List<PublishDiagnosticsParams> everything = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String uri;
    private int version = 1;

    @BeforeEach
    void start() throws Exception {
        Path entry = dir.resolve("infrastructure.tsx");
        Files.writeString(entry, VALID);
        uri = entry.toUri().toString();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Xss16m", "-XX:+UseG1GC", "-Xmx1g", // as bin/creact runs `creact lsp`
                "-cp", System.getProperty("java.class.path"), StdioServerMain.class.getName()));
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("server.log").toFile()).start();
        var launcher = LSPLauncher.createClientLauncher(new Client(), process.getInputStream(), process.getOutputStream());
        launcher.startListening();
        server = launcher.getRemoteProxy();
        var init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "project")));
        init.setCapabilities(new ClientCapabilities());
        server.initialize(init).get(60, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(uri, "typescriptreact", version, VALID)));
        awaitDiagnostics(d -> text(d).startsWith("+ create m"));
    }

    @AfterEach
    void stop() throws Exception {
        if (process.isAlive()) {
            server.shutdown().get(30, TimeUnit.SECONDS);
            server.exit();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        process.destroyForcibly();
    }

    private void type(String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, ++version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    /** The first diagnostic of the entry, in a publication after now, that matches. */
    private Diagnostic awaitDiagnostics(Predicate<Diagnostic> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            var p = published.poll(1, TimeUnit.SECONDS);
            if (p != null && p.getUri().equals(uri)) {
                for (var d : p.getDiagnostics()) {
                    if (wanted.test(d)) {
                        return d;
                    }
                }
            }
            assertTrue(process.isAlive(), () -> "the server died with exit code " + process.exitValue() + ":\n" + log());
        }
        throw new AssertionError("no such diagnostic was published; server log:\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static String text(Diagnostic d) {
        var m = d.getMessage();
        return m.isLeft() ? m.getLeft() : m.getRight().getValue();
    }

    private static String code(Diagnostic d) {
        return d.getCode() == null ? null : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
    }

    @Test
    @DisplayName("40,000 nested parentheses typed in: a 'nesting deeper than 256' diagnostic, and the server goes on")
    void deepNesting() throws Exception {
        int n = 40_000;
        type("export default function App() { const x = " + "(".repeat(n) + "1" + ")".repeat(n) + "; return null; }\n");
        var d = awaitDiagnostics(x -> "nesting-too-deep".equals(code(x)));
        assertTrue(text(d).startsWith("nesting deeper than 256 at infrastructure.tsx:1:"), text(d));
        assertEquals(0, d.getRange().getStart().getLine());
        assertTrue(process.isAlive());
        type(VALID);
        assertNotNull(awaitDiagnostics(x -> text(x).startsWith("+ create m")));
    }

    @Test
    @DisplayName("new Uint8Array(1.5e9) typed in: a memory-limit diagnostic at its line, not 'Java heap space'")
    void hugeAllocation() throws Exception {
        type("""
                export default function App() {
                  const big = new Uint8Array(1.5e9);
                  return big.length ? null : null;
                }
                """);
        var d = awaitDiagnostics(x -> "memory-limit".equals(code(x)));
        assertEquals(1, d.getRange().getStart().getLine());
        assertFalse(text(d).contains("Java heap space"), text(d));
        type(VALID);
        assertNotNull(awaitDiagnostics(x -> text(x).startsWith("+ create m")));
    }

    @Test
    @DisplayName("an opened link to a secret outside the project: the import is refused, nothing of the file is shown")
    void linkedSecretOpened() throws Exception {
        Path outside = Files.createTempDirectory("creact-secret");
        try {
            String secret = "root:h4sh-5e0c1d:20228:0:99999:7:::";
            Files.writeString(outside.resolve("shadow"), secret + "\ndaemon:*:20228:0:99999:7:::\n");
            Path link = dir.resolve("shadow.js");
            Files.createSymbolicLink(link, outside.resolve("shadow"));
            type("import { x } from './shadow.js';\nexport default function App() { return x ? null : null; }\n");
            // the editor opens the link, and sends the text it read through it
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(link.toUri().toString(), "javascript", 1, Files.readString(link))));
            var d = awaitDiagnostics(x -> "unresolved-import".equals(code(x)));
            assertTrue(text(d).contains("'shadow.js' is a symbolic link to"), text(d));
            assertEquals(0, d.getRange().getStart().getLine());
            for (var p : everything) {
                for (var x : p.getDiagnostics()) {
                    assertFalse(text(x).contains("h4sh-5e0c1d"), text(x));
                }
            }
        } finally {
            Files.deleteIfExists(outside.resolve("shadow"));
            Files.deleteIfExists(outside);
        }
    }

    /** The editor's side: keeps what the server publishes, answers nothing else. */
    private final class Client implements LanguageClient {
        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            everything.add(diagnostics);
            published.add(diagnostics);
        }

        @Override
        public void showMessage(MessageParams messageParams) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
