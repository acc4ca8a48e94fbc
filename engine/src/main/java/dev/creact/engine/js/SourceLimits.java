package dev.creact.engine.js;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What creact refuses to parse, checked before any parser runs: files that nest deeper than
 * {@link #MAX_NESTING} levels (see {@link NestingScanner}) and, for files the native transpiler reads,
 * files too large for the stack it can be given ({@link NativeParserStack}).
 */
public final class SourceLimits {
    /** Deeper than any hand-written code goes (real components nest a few dozen levels at most). */
    public static final int MAX_NESTING = 256;

    private SourceLimits() {
    }

    /**
     * The most indentation (see {@link NestingScanner.Result#weight()}) a transpiled file may call for. swc
     * pretty-prints its output, so a file both large and deep grows by size times depth: 60,000 JSX
     * elements 250 levels deep (240 KB) became 158 MB of JavaScript in 44 s. Real files stay far below
     * (a generated stack of 10,000 resources weighs 20,020; creact's own runtime 938).
     */
    public static final long MAX_WEIGHT = 2_000_000;

    /** Refuses {@code source} (the text of {@code file}) if it nests deeper than {@link #MAX_NESTING}. */
    public static void checkNesting(Path file, String source) {
        check(file, source, false);
    }

    /**
     * As {@link #checkNesting}; for a file the native transpiler reads ({@code transpiled}), also refuses one
     * whose transpiled form would be too large to produce in time ({@link #MAX_WEIGHT}).
     */
    static void check(Path file, String source, boolean transpiled) {
        var result = NestingScanner.scan(source, NestingScanner.Dialect.of(file.getFileName().toString()), MAX_NESTING);
        var beyond = result.beyond();
        if (transpiled && beyond == null && result.weight() > MAX_WEIGHT) {
            throw new SourceLimitException(SourceLimitException.SIZE, file.toString(), 1, 1,
                    String.format(Locale.ROOT, "%s is too large for how deeply it nests (weight %,d, at most %,d): its "
                            + "transpiled form would be too large to produce in time", file, result.weight(), MAX_WEIGHT),
                    "the weight adds up, for every item (comma, semicolon) and JSX element, the depth it sits at; "
                            + "split the file into modules, flatten it, or move data into a .json file");
        }
        if (beyond != null) {
            throw new SourceLimitException(SourceLimitException.NESTING, file.toString(), beyond.line(), beyond.column(),
                    "nesting deeper than " + MAX_NESTING + " at " + file + ":" + beyond.line() + ":" + beyond.column()
                            + "; the file is refused before it is parsed, so that the parser cannot run out of stack",
                    "brackets, braces, template substitutions and JSX elements each count as a level; flatten the "
                            + "code (give inner parts names: a const, a component) or move data into a .json file");
        }
    }

    /** Refuses a file too large for the native transpiler's stack; returns its non-blank character count. */
    static int checkTranspilable(Path file, String source) {
        int nonBlank = NativeParserStack.nonBlankCharacters(source);
        if (nonBlank > NativeParserStack.MAX_CHARACTERS) {
            throw new SourceLimitException(SourceLimitException.SIZE, file.toString(), 1, 1,
                    String.format(Locale.ROOT, "%s has %,d non-blank characters; creact transpiles TypeScript and JSX "
                            + "files of up to %,d", file, nonBlank, NativeParserStack.MAX_CHARACTERS),
                    "split the file into modules, or move data into a .json file (JSON is not transpiled)");
        }
        return nonBlank;
    }
}
