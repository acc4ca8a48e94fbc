package dev.creact.engine.js;

import java.util.List;

/**
 * Moves the generated columns of a source map's {@code mappings} after text was inserted into the generated code
 * (the call-site pass's arguments): on the line of an insertion, every segment at or after its column moves right
 * by its length. Only the generated column of a segment changes; its source, original position and name stay as
 * they were, so their relative encoding is copied unchanged.
 */
final class MappingShift {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < BASE64.length(); i++) {
            VALUES[BASE64.charAt(i)] = i;
        }
    }

    private MappingShift() {
    }

    /**
     * {@code mappings} with the insertions applied; each insertion is {generated line (1-based), column (0-based,
     * in the code before any insertion), length}, in order of line and column.
     */
    static String apply(String mappings, List<int[]> insertions) {
        if (insertions.isEmpty()) {
            return mappings;
        }
        var out = new StringBuilder(mappings.length() + insertions.size() * 4);
        int line = 1;
        int next = 0; // the first insertion not on an earlier line
        int i = 0;
        int n = mappings.length();
        int column = 0;        // absolute generated column of the last segment read, before the shift
        int shiftedBefore = 0; // its column after the shift
        while (i < n) {
            char c = mappings.charAt(i);
            if (c == ';') {
                out.append(c);
                line++;
                column = 0;
                shiftedBefore = 0;
                i++;
                continue;
            }
            if (c == ',') {
                out.append(c);
                i++;
                continue;
            }
            // A segment: its first field is the generated column, relative to the previous segment on the line.
            int[] read = readVlq(mappings, i);
            column += read[0];
            i = read[1];
            while (next < insertions.size() && insertions.get(next)[0] < line) {
                next++;
            }
            int shift = 0;
            for (int k = next; k < insertions.size() && insertions.get(k)[0] == line; k++) {
                if (insertions.get(k)[1] <= column) {
                    shift += insertions.get(k)[2];
                }
            }
            int shifted = column + shift;
            writeVlq(out, shifted - shiftedBefore);
            shiftedBefore = shifted;
            int end = i;
            while (end < n && mappings.charAt(end) != ',' && mappings.charAt(end) != ';') {
                end++;
            }
            out.append(mappings, i, end); // the other fields, unchanged
            i = end;
        }
        return out.toString();
    }

    /** One VLQ value at {@code at}: {value, the index after it}. */
    private static int[] readVlq(String s, int at) {
        int value = 0;
        int shift = 0;
        int i = at;
        boolean more;
        do {
            int digit = VALUES[s.charAt(i++)];
            if (digit < 0) {
                throw new IllegalArgumentException("not a source map mapping at " + (i - 1));
            }
            more = (digit & 32) != 0;
            value += (digit & 31) << shift;
            shift += 5;
        } while (more);
        boolean negative = (value & 1) != 0;
        value >>>= 1;
        return new int[]{negative ? -value : value, i};
    }

    private static void writeVlq(StringBuilder out, int value) {
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
