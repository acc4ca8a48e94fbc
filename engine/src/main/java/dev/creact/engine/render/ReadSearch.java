package dev.creact.engine.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Works out which handles' known outputs each declared resource carries in its props (its {@code reads}, which
 * become dependency edges), from what the runtime noted during the render: a log of the reads (the id and how
 * the value looks in JSON, its needle), each component frame's candidate reads, and per resource a window of its
 * frame's own reads plus the ids the runtime's walk for equal values found.
 *
 * <p>A resource reads a candidate whose needle occurs in its props' JSON, or whose value is an object or an
 * array (counted without looking); candidates are taken in order, the frame's inherited reads first, and each id
 * once; the walk's ids follow. The props' JSON is the very text the runtime wrote for them in the result, found
 * here by its offsets, so the search sees what a search in the runtime saw, at a fraction of the interpreter's cost.
 */
final class ReadSearch {
    private final String[] ids;
    /** A read's needle; null for an object or array, which every resource that has it as a candidate reads. */
    private final String[] needles;
    private final int[][] inherited;
    private final int[][] own;
    private final String json;
    /** Where each entry of the result's nodes array has its props: [start, end) in {@link #json}, or -1. */
    private int[][] propsSpans;

    private ReadSearch(String[] ids, String[] needles, int[][] inherited, int[][] own, String json) {
        this.ids = ids;
        this.needles = needles;
        this.inherited = inherited;
        this.own = own;
        this.json = json;
    }

    /** The search over a render's result ({@code root} is {@code json} parsed). */
    static ReadSearch of(String json, JsonNode root) {
        JsonNode reads = root.path("reads");
        JsonNode log = reads.path("log");
        int n = log.size() / 2;
        var ids = new String[n];
        var needles = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = log.get(2 * i).asText();
            JsonNode needle = log.get(2 * i + 1);
            needles[i] = needle.isTextual() ? needle.asText() : null;
        }
        JsonNode lists = reads.path("inherited");
        JsonNode frames = reads.path("frames");
        var inherited = new int[frames.size()][];
        var own = new int[frames.size()][];
        for (int f = 0; f < frames.size(); f++) {
            inherited[f] = ints(lists.path(frames.get(f).path(0).asInt()));
            own[f] = ints(frames.get(f).path(1));
        }
        return new ReadSearch(ids, needles, inherited, own, json);
    }

    private static int[] ints(JsonNode array) {
        var out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt(-1);
        }
        return out;
    }

    /** The reads of the node at {@code index} of the result's nodes array ({@code node} is that entry). */
    List<String> readsOf(int index, JsonNode node) {
        JsonNode window = node.path("rw");
        JsonNode seen = node.path("rs");
        if (!window.isArray() && !seen.isArray()) {
            return List.of();
        }
        var out = new LinkedHashSet<String>();
        if (window.isArray()) {
            int frame = window.path(0).asInt();
            String props = propsText(index);
            search(inherited[frame], 0, inherited[frame].length, props, out);
            search(own[frame], window.path(1).asInt(), window.path(2).asInt(), props, out);
        }
        seen.forEach(id -> out.add(id.asText()));
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    private void search(int[] reads, int from, int to, String props, LinkedHashSet<String> out) {
        for (int i = from; i < to; i++) {
            int at = reads[i];
            if (at < 0 || out.contains(ids[at])) {
                continue;
            }
            if (needles[at] == null || props.contains(needles[at])) {
                out.add(ids[at]);
            }
        }
    }

    private String propsText(int index) {
        if (propsSpans == null) {
            propsSpans = propsSpans(json);
        }
        int[] span = index < propsSpans.length ? propsSpans[index] : null;
        return span == null || span[0] < 0 ? "" : json.substring(span[0], span[1]);
    }

    /** One streaming pass over the result: the offsets of each node's {@code props} value. */
    private static int[][] propsSpans(String json) {
        var spans = new ArrayList<int[]>();
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new int[0][];
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("nodes") || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    int[] span = {-1, -1};
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        if (name.equals("props") && t == JsonToken.START_OBJECT) {
                            span[0] = (int) p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            span[1] = (int) p.currentLocation().getCharOffset();
                        } else {
                            p.skipChildren();
                        }
                    }
                    spans.add(span);
                }
                break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime returned malformed JSON", e);
        }
        return spans.toArray(new int[0][]);
    }
}
