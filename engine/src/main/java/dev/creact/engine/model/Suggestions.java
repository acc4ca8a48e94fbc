package dev.creact.engine.model;

import java.util.ArrayList;
import java.util.Comparator;

/** "Did you mean …?" for names users mistype: ids, construct types, props. */
public final class Suggestions {
    private Suggestions() {
    }

    /** {@code "; did you mean 'x'?"} for the closest candidate within a small edit distance, else "". */
    public static String didYouMean(String given, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        var sorted = new ArrayList<String>();
        candidates.forEach(sorted::add);
        sorted.sort(Comparator.naturalOrder());
        for (String c : sorted) {
            int d = distance(given.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
