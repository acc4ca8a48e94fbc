package dev.creact.engine.js;

import dev.creact.engine.model.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The statement appended to every user module GraalJS runs: it hands the runtime the module's top-level functions
 * by name ({@code __creactTopLevel(file, names, values)}), so that incremental rendering can name a component
 * across evaluations (each evaluation has a fresh context, so the function objects differ every time).
 *
 * <p>Why top-level only: a function made inside a component closes over that render's values, so reusing its
 * subtree by its props alone would be wrong; a function bound at the top of a module closes over module state
 * only, which the module's hash covers. The names are found in swc's output, which prints a module's top-level
 * statements at column 0; a line of a multi-line string that happens to look like a declaration costs nothing,
 * since each value is read with {@code typeof}, which names the module's own binding or nothing. Appended at the
 * end, the statement moves no position of the source map.
 */
public final class TopLevelFunctions {
    static final Pattern DECLARATION = Pattern.compile(
            "^(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?(?:function\\s*\\*?\\s*|(?:const|let|var)\\s+)([A-Za-z_$][\\w$]*)",
            Pattern.MULTILINE);

    /** The last suffix made per file, with the code it was made for (unchanged code is the same string from the transpile cache). */
    private static final Map<String, String[]> SUFFIXES = new ConcurrentHashMap<>();

    private TopLevelFunctions() {
    }

    /** The code with the registration appended (the code itself when it has no top-level declaration). */
    public static String register(String file, String code) {
        String[] last = SUFFIXES.get(file);
        String suffix;
        if (last != null && last[0].equals(code)) {
            suffix = last[1];
        } else {
            suffix = suffix(file, code);
            SUFFIXES.put(file, new String[]{code, suffix});
        }
        return suffix.isEmpty() ? code : code + suffix;
    }

    /** The names {@link #DECLARATION} finds, in order (a line can only match from its first letter: export, default, async, function, const, let, var). */
    static List<String> declaredNames(String code) {
        var names = new ArrayList<String>();
        for (var m : LineStartMatches.of(DECLARATION, code, (t, i) -> i < t.length() && "edafclv".indexOf(t.charAt(i)) >= 0)) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String suffix(String file, String code) {
        var names = new LinkedHashSet<>(declaredNames(code));
        if (names.isEmpty()) {
            return "";
        }
        var values = new ArrayList<String>();
        for (String n : names) {
            values.add("typeof " + n + " === \"function\" ? " + n + " : undefined");
        }
        return "\n;import { __creactTopLevel as __creact$topLevel } from \"creact\";\n__creact$topLevel("
                + Json.write(file) + ", " + Json.write(names) + ", [" + String.join(", ", values) + "]);\n";
    }
}
