package dev.creact.providers.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, read by Docker's rules (the Engine's {@code patternmatcher} and
 * {@code ignorefile}; no Java library on Maven Central implements them, so this is a small matcher tested on
 * Docker's documented examples):
 * <ul>
 *   <li>one pattern a line; a line starting with {@code #} is a comment; surrounding blanks are trimmed;</li>
 *   <li>a pattern is cleaned as a path ({@code ./a/}, {@code a//b}, {@code a/../b}) and a leading {@code /} is
 *       dropped: the context's root is the root;</li>
 *   <li>{@code *} is any run of characters but {@code /}, {@code ?} one such character, {@code [a-z]} and
 *       {@code [^a-z]} (or {@code [!a-z]}) classes, {@code \} escapes the next character, and {@code **} any
 *       number of folders, none included;</li>
 *   <li>a pattern that matches a folder excludes everything in it;</li>
 *   <li>{@code !pattern} is an exception that includes again what it matches; the last matching line wins.</li>
 * </ul>
 * The Dockerfile and the {@code .dockerignore} itself are always sent, as Docker does (the daemon needs
 * them; {@code COPY} still leaves them out of the image when they are ignored).
 */
final class DockerIgnore {
    static final String FILE = ".dockerignore";
    static final DockerIgnore NONE = new DockerIgnore(List.of(), List.of());

    private record Rule(Pattern regex, boolean exception, String text) {
    }

    private final List<Rule> rules;
    private final List<String> alwaysSent;

    private DockerIgnore(List<Rule> rules, List<String> alwaysSent) {
        this.rules = rules;
        this.alwaysSent = alwaysSent;
    }

    /** The rules of {@code context}'s {@code .dockerignore} (none when it has none); {@code dockerfile} is always sent. */
    static DockerIgnore of(Path context, String dockerfile) throws IOException {
        Path file = context.resolve(FILE);
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        String df = clean(dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile);
        return parse(lines, List.of(df, FILE));
    }

    /** Rules from the lines of a {@code .dockerignore}. */
    static DockerIgnore parse(List<String> lines, List<String> alwaysSent) {
        var rules = new ArrayList<Rule>();
        for (String raw : lines) {
            if (raw.startsWith("#")) {
                continue;
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception) {
                line = line.substring(1).strip();
                if (line.isEmpty()) {
                    continue;
                }
            }
            String pattern = clean(line);
            if (pattern.length() > 1 && pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            rules.add(new Rule(compile(pattern), exception, raw.strip()));
        }
        return new DockerIgnore(List.copyOf(rules), List.copyOf(alwaysSent));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Whether the file or folder at {@code path} (relative, {@code /}-separated) is left out: the last rule that
     * matches it or one of its parent folders decides.
     */
    boolean excludes(String path) {
        if (rules.isEmpty() || alwaysSent.contains(path)) {
            return false;
        }
        boolean excluded = false;
        String[] parts = path.split("/");
        for (Rule rule : rules) {
            boolean match = rule.regex.matcher(path).matches();
            if (!match && parts.length > 1) {
                var parent = new StringBuilder();
                for (int i = 0; i < parts.length - 1 && !match; i++) {
                    if (i > 0) {
                        parent.append('/');
                    }
                    parent.append(parts[i]);
                    match = rule.regex.matcher(parent).matches();
                }
            }
            if (match) {
                excluded = !rule.exception;
            }
        }
        return excluded;
    }

    /**
     * Whether the excluded folder {@code dir} may still hold a file that is sent (an exception's, or the
     * Dockerfile): then its files are looked at one by one, as Docker walks into it. Otherwise it is skipped
     * whole, so an ignored {@code node_modules} is not even read.
     */
    boolean mayKeepSomethingIn(String dir) {
        return rules.stream().anyMatch(Rule::exception) || alwaysSent.stream().anyMatch(p -> p.startsWith(dir + "/"));
    }

    /** Go's {@code filepath.Clean} on a {@code /}-separated pattern. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        var out = new ArrayList<String>();
        for (String part : path.split("/+")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.getLast().equals("..")) {
                    out.removeLast();
                } else if (!rooted) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** The pattern as a regular expression over the whole path, as Docker's patternmatcher builds it. */
    static Pattern compile(String pattern) {
        var re = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                        i++; // "**/" is "**"
                    }
                    if (i + 1 >= n) {
                        re.append(".*"); // "**" at the end: everything (below)
                    } else {
                        re.append("(.*/)?"); // any number of folders, none included
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                    continue;
                }
                String body = pattern.substring(i + 1, close);
                if (body.startsWith("!")) {
                    body = "^" + body.substring(1);
                }
                re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else if (c == '\\' && i + 1 < n) {
                i++;
                re.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
            } else if (".+()|{}$^".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        return Pattern.compile(re.append('$').toString());
    }

    @Override
    public String toString() {
        return rules.stream().map(Rule::text).toList().toString();
    }
}
