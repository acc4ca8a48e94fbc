package dev.creact.engine.js;

/**
 * How much stack swc's native parser gets for one file. swc recurses once per level of the syntax tree it
 * builds and walks, and native code that runs off the end of its thread's stack kills the whole process
 * (SIGSEGV), where Java would throw. Every level takes at least one non-blank character, and no level was
 * measured to need more than 3.9 KiB of stack (an unclosed parenthesis in a type; an array level takes
 * 1.9 KiB, a prefix operator 0.5 KiB; swc4j 2.0.0, x86-64, {@code bench/swc-stack.sh}): so a thread with
 * 5 KiB per non-blank character, plus a base, cannot overflow, whatever the file holds. The stack is reserved address space, touched only as
 * deep as the parse goes (HotSpot honours reservations of several GiB: a million open parentheses took
 * 2.9 GB of a 4 GiB stack). Files past {@link #MAX_CHARACTERS} (about 830,000) are refused rather than
 * given more; a machine that cannot reserve the stack says so.
 */
final class NativeParserStack {
    static final long BASE_BYTES = 32L << 20;
    static final long BYTES_PER_CHARACTER = 5L << 10;
    static final long MAX_BYTES = 4L << 30;
    static final int MAX_CHARACTERS = (int) ((MAX_BYTES - BASE_BYTES) / BYTES_PER_CHARACTER);

    private NativeParserStack() {
    }

    /** The stack for a file with {@code nonBlank} non-blank characters (at most {@link #MAX_CHARACTERS}). */
    static long bytesFor(int nonBlank) {
        return BASE_BYTES + BYTES_PER_CHARACTER * Math.max(0, Math.min(nonBlank, MAX_CHARACTERS));
    }

    static int nonBlankCharacters(String source) {
        int n = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c > ' ' && !Character.isWhitespace(c)) {
                n++;
            }
        }
        return n;
    }
}
