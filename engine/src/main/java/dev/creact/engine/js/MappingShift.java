package dev.creact.engine.js;

import java.util.List;

/**
 * Moves the generated columns of a source map's {@code mappings} after text was inserted into the generated code
 * (the call-site pass's arguments): on the line of an insertion, every segment at or after its column moves right
 * by its length. Only the generated column of a segment changes; its source, original position and name stay as
 * they were, so their relative encoding is copied unchanged.
 */
final class MappingShift {
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
        int[] value = new int[1];
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
            i = Vlq.read(mappings, i, value);
            column += value[0];
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
            Vlq.write(out, shifted - shiftedBefore);
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
}
