package dev.creact.engine.js;

import java.util.Arrays;

/**
 * The base64 VLQ numbers of a source map's {@code mappings}: what {@link SourceMap} decodes and
 * {@link MappingShift} decodes and writes again. One value at a time, into the caller's array, so a
 * decoding loop allocates nothing per value.
 */
final class Vlq {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int[] DIGITS = new int[128];

    static {
        Arrays.fill(DIGITS, -1);
        for (int i = 0; i < BASE64.length(); i++) {
            DIGITS[BASE64.charAt(i)] = i;
        }
    }

    private Vlq() {
    }

    /**
     * Reads one value at {@code at} into {@code value[0]} and returns the index after it.
     *
     * @throws IllegalArgumentException at a character that is not a base64 digit
     */
    static int read(CharSequence s, int at, int[] value) {
        int result = 0;
        int shift = 0;
        int i = at;
        boolean more;
        do {
            char c = s.charAt(i++);
            int digit = c < DIGITS.length ? DIGITS[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not a source map mapping at " + (i - 1));
            }
            more = (digit & 32) != 0;
            result += (digit & 31) << shift;
            shift += 5;
        } while (more);
        boolean negative = (result & 1) != 0;
        result >>>= 1;
        value[0] = negative ? -result : result;
        return i;
    }

    static void write(StringBuilder out, int value) {
        int v = value < 0 ? ((-value) << 1) | 1 : value << 1;
        do {
            int digit = v & 31;
            v >>>= 5;
            if (v != 0) {
                digit |= 32;
            }
            out.append(BASE64.charAt(digit));
        } while (v != 0);
    }
}
