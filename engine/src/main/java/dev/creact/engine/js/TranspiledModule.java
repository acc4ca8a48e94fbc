package dev.creact.engine.js;

/**
 * A user module as GraalJS runs it: the transpiled code, the original text, and the map between them.
 *
 * @param path     absolute path of the original file
 * @param original the file's text as the user wrote it
 * @param code     JavaScript (ES module) that GraalJS evaluates
 * @param map      generated position to original position
 */
public record TranspiledModule(String path, String original, String code, SourceMap map) {
}
