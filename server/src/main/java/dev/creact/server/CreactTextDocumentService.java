package dev.creact.server;

import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.services.TextDocumentService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Document sync, code lenses and hover: keeps the store current and answers from the latest evaluations. */
final class CreactTextDocumentService implements TextDocumentService {
    private final CreactLanguageServer server;

    CreactTextDocumentService(CreactLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        var doc = params.getTextDocument();
        Path path = DocumentStore.path(doc.getUri());
        server.documents().open(path, doc.getVersion(), doc.getText());
        server.fileChanged(path);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        Path path = DocumentStore.path(params.getTextDocument().getUri());
        server.documents().change(path, params.getTextDocument().getVersion(), params.getContentChanges());
        server.fileChanged(path);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        Path path = DocumentStore.path(params.getTextDocument().getUri());
        server.documents().close(path);
        server.fileChanged(path);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        Path path = DocumentStore.path(params.getTextDocument().getUri());
        // In dev mode the save deploys, and the cycle shows the plan after it; an evaluation of its own
        // would only race the deploy and show the changes it is applying as still to do.
        var deploying = server.commands().devMode().saved(path);
        server.fileChanged(path, deploying);
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams params) {
        Path path = DocumentStore.path(params.getTextDocument().getUri());
        var lenses = new ArrayList<CodeLens>();
        for (var s : server.sessions()) {
            var e = s.evaluation();
            if (e != null) {
                lenses.addAll(LensBuilder.build(e, path));
            }
        }
        return CompletableFuture.completedFuture(lenses);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        Path path = DocumentStore.path(params.getTextDocument().getUri());
        int line = params.getPosition().getLine();
        for (var s : server.sessions()) {
            var e = s.evaluation();
            if (e != null) {
                var hover = HoverBuilder.build(e, path, line);
                if (hover != null) {
                    return CompletableFuture.completedFuture(hover);
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
