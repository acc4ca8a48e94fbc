package dev.creact.engine.js;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;

import java.util.ArrayList;

/**
 * A decoded source map (version 3, one source): maps a position in transpiled code back to the
 * position in the user's file. Only what error mapping needs: generated line and column to original
 * line and column.
 */
public final class SourceMap {
    /** Per generated line (0-based): segments as {generatedColumn, originalLine, originalColumn}, 0-based. */
    private final int[][][] lines;

    private SourceMap(int[][][] lines) {
        this.lines = lines;
    }

    public static SourceMap identity() {
        return new SourceMap(null);
    }

    public static SourceMap parse(String json) {
        JsonNode root = Json.read(json, JsonNode.class);
        return decode(root.path("mappings").asText(""));
    }

    static SourceMap decode(String mappings) {
        var out = new ArrayList<int[][]>();
        var segments = new ArrayList<int[]>();
        int srcLine = 0;
        int srcCol = 0;
        int genCol = 0;
        int[] fields = new int[5];
        int[] value = new int[1];
        int i = 0;
        int n = mappings.length();
        while (i <= n) {
            char c = i < n ? mappings.charAt(i) : ';';
            if (c == ';') {
                out.add(segments.toArray(new int[0][]));
                segments = new ArrayList<>();
                genCol = 0;
                i++;
                if (i > n) {
                    break;
                }
                continue;
            }
            if (c == ',') {
                i++;
                continue;
            }
            int count = 0;
            while (i < n && mappings.charAt(i) != ',' && mappings.charAt(i) != ';') {
                i = Vlq.read(mappings, i, value);
                if (count < fields.length) {
                    fields[count++] = value[0];
                }
            }
            genCol += fields[0];
            if (count >= 4) {
                srcLine += fields[2];
                srcCol += fields[3];
                segments.add(new int[]{genCol, srcLine, srcCol});
            }
        }
        return new SourceMap(out.toArray(new int[0][][]));
    }

    /**
     * About how many bytes of heap this map holds: a segment is an {@code int[3]} (32 bytes with its header),
     * a line an array of references to them. For caches bounded by size, not for exact accounting.
     */
    long estimatedBytes() {
        if (lines == null) {
            return 0;
        }
        long bytes = 16 + 4L * lines.length;
        for (int[][] line : lines) {
            bytes += 16 + 4L * line.length + 32L * line.length;
        }
        return bytes;
    }

    /**
     * The original position of a generated one, both 1-based. Uses the closest mapped segment at or
     * before the column on that line, else the first segment of the line; the input itself when the
     * line has no mapping.
     */
    public int[] toOriginal(int line, int column) {
        if (lines == null || line < 1 || line > lines.length) {
            return new int[]{line, column};
        }
        int[][] segs = lines[line - 1];
        if (segs.length == 0) {
            // A generated line with no mapping (inserted by the transpiler): use the nearest line above.
            for (int l = line - 2; l >= 0; l--) {
                if (lines[l].length > 0) {
                    int[] s = lines[l][lines[l].length - 1];
                    return new int[]{s[1] + 1, s[2] + 1};
                }
            }
            return new int[]{line, column};
        }
        int col0 = column - 1;
        int[] best = segs[0];
        for (int[] s : segs) {
            if (s[0] <= col0) {
                best = s;
            } else {
                break;
            }
        }
        int delta = best[0] <= col0 ? col0 - best[0] : 0;
        return new int[]{best[1] + 1, best[2] + 1 + delta};
    }
}
