package dev.creact.engine.js;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a parser's complaint about a file may show of that file. Parsers quote source text (GraalJS prints
 * the offending line under its message, swc a code frame of several lines); problems end up in terminals,
 * CI logs and editors, so a message keeps at most its first line, bounded in length, and quotes nothing at
 * all from a file owned by another user (a hard link or a copy of someone else's file in the project).
 */
public final class SyntaxMessages {
    static final int MAX_LENGTH = 160;
    /** GraalJS starts its messages with "SyntaxError: ./lib/x.js:3:7 " before the description. */
    private static final Pattern GRAAL_PREFIX = Pattern.compile("^(SyntaxError:\\s*)?\\S*:\\d+:\\d+\\s+");

    private static final long PROCESS_UID = processUid();

    private SyntaxMessages() {
    }

    /** The description of a syntax error in {@code file}, safe to show anywhere. */
    public static String safe(Path file, String raw) {
        if (file != null && !ownedByCurrentUser(file)) {
            return "the file does not parse (its text is not quoted: the file belongs to another user)";
        }
        String text = raw == null ? "" : raw.strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        text = GRAAL_PREFIX.matcher(text).replaceFirst("");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH) + "…";
        }
        return text.isEmpty() ? "the file does not parse" : text;
    }

    private static boolean ownedByCurrentUser(Path file) {
        try {
            if (PROCESS_UID >= 0) {
                return ((Number) Files.getAttribute(file, "unix:uid")).longValue() == PROCESS_UID;
            }
            return Files.getOwner(file).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return true; // an overlay without a file on disk, or a file system without owners: the user's own text
        }
    }

    private static long processUid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            return -1; // not a Unix system: compare owner names instead
        }
    }
}
