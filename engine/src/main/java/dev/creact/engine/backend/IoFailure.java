package dev.creact.engine.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;

/**
 * What a failed file operation means, for people: the errno's name (ENOSPC, EROFS, EACCES…) with its text,
 * and the path when the exception names one. Java reports these as {@link IOException}s whose message is the
 * C library's text ("No space left on device"); a full or read-only state folder must read as that, not as a
 * Java exception class.
 */
public final class IoFailure {
    private static final Map<String, String> ERRNO = Map.of(
            "no space left on device", "ENOSPC",
            "read-only file system", "EROFS",
            "permission denied", "EACCES",
            "disk quota exceeded", "EDQUOT",
            "input/output error", "EIO",
            "too many open files", "EMFILE",
            "no such file or directory", "ENOENT",
            "operation not permitted", "EPERM",
            "file too large", "EFBIG");

    private IoFailure() {
    }

    /** The errno's name for {@code e} or one of its causes, or null when it is not one of the known ones. */
    public static String errno(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AccessDeniedException) {
                return "EACCES";
            }
            if (t instanceof NoSuchFileException) {
                return "ENOENT";
            }
            String text = text(t);
            if (text != null) {
                for (var entry : ERRNO.entrySet()) {
                    if (text.toLowerCase(Locale.ROOT).contains(entry.getKey())) {
                        return entry.getValue();
                    }
                }
            }
        }
        return null;
    }

    private static String text(Throwable t) {
        if (t instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : t instanceof AccessDeniedException ? "permission denied"
                    : t instanceof NoSuchFileException ? "no such file or directory" : null;
        }
        return t.getMessage();
    }

    /**
     * "ENOSPC (no space left on device)", with " at PATH" when the exception names a file; the plain message
     * when the errno is not known.
     */
    public static String reason(IOException e) {
        String text = text(e);
        if (text == null) {
            text = e.getClass().getSimpleName();
        }
        String errno = errno(e);
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        String lower = text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
        return (errno != null ? errno + " (" + lower + ")" : text) + (file != null ? " at " + file : "");
    }

    /** The message of a wrapped failure, its Java class names left out. */
    public static String describe(UncheckedIOException e) {
        String message = e.getMessage();
        if (message == null || message.startsWith("java.") || message.equals(String.valueOf(e.getCause()))) {
            return "a file operation failed: " + reason(e.getCause());
        }
        return message;
    }
}
