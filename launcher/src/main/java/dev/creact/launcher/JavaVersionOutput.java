package dev.creact.launcher;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the major version from what {@code java -XshowSettings:properties -version} prints: the
 * {@code java.specification.version} property (what {@code scripts/java-env.sh} reads), else the
 * {@code version "…"} line (what every {@code java -version} prints). {@code 1.8} counts as 8.
 */
public final class JavaVersionOutput {
    private static final Pattern SPECIFICATION =
            Pattern.compile("(?m)^\\s*java\\.specification\\.version\\s*=\\s*(\\d+)(?:\\.(\\d+))?");
    private static final Pattern VERSION_LINE = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?[^\"]*\"");

    private JavaVersionOutput() {
    }

    public static OptionalInt majorVersion(String output) {
        for (Pattern p : new Pattern[] {SPECIFICATION, VERSION_LINE}) {
            Matcher m = p.matcher(output);
            if (m.find()) {
                int first = Integer.parseInt(m.group(1));
                return OptionalInt.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
            }
        }
        return OptionalInt.empty();
    }
}
