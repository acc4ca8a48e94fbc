/**
 * How an editor starts the creact language server ({@code creact lsp}): which Java runs it, which
 * {@code creact.jar}, and the command line. The rule (written out in {@code launcher/README.md}) is the one
 * {@code bin/creact} and the VS Code extension follow too; the IntelliJ plugin compiles these sources.
 *
 * <p>Plain Java 21 with no dependencies and no editor API, so the plugin can use it on the IDE's runtime and
 * the Maven build can test it.
 */
package dev.creact.launcher;
