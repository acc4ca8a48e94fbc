/**
 * The creact language server (LSP4J): translates between the Language Server Protocol and the engine's
 * façade, with no planning or deploy logic of its own. Not built yet: see the language-server issue.
 */
package dev.creact.server;
