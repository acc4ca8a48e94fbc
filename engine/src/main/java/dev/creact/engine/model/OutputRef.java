package dev.creact.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A reference to an output of another resource that is not known yet, as it appears inside prop
 * values: {@code ${ref:app.suffix#hex}}. A prop may be exactly one reference (the value is substituted
 * as is, any JSON type) or a string with references embedded (substituted as text).
 */
public record OutputRef(String resourceId, String output) {
    public static final Pattern TOKEN = Pattern.compile("\\$\\{ref:([^#}]+)#([^}]+)}");

    public String token() {
        return "${ref:" + resourceId + "#" + output + "}";
    }

    /** All references embedded in a string, in order. */
    public static List<OutputRef> findIn(String text) {
        var out = new ArrayList<OutputRef>();
        if (text.indexOf("${ref:") < 0) {
            return out;
        }
        var m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(new OutputRef(m.group(1), m.group(2)));
        }
        return out;
    }
}
