/**
 * The creact language server (LSP4J, stdio, LSP 3.17): translates between the Language Server Protocol and
 * the engine's façade, with no planning or deploy logic of its own. Open documents are the source of truth
 * (they reach the engine as overlays); evaluation is debounced, runs off the message thread and is cancelled
 * by newer edits. {@link dev.creact.server.LanguageServerLauncher} starts it.
 */
package dev.creact.server;
