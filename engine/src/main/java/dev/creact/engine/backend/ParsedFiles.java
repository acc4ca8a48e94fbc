package dev.creact.engine.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a state or deployment file last parsed to, for this process, keyed by the file's exact bytes. A
 * long-lived process (`creact dev`, the language server) reads and rewrites the same megabyte-sized files
 * on every save; comparing the bytes costs a fraction of a millisecond where parsing (and checking the
 * checksum) costs tens. Any change to the file, by creact or anyone else, changes its bytes and forces a
 * fresh parse, so nothing outside creact can slip past the checks.
 */
final class ParsedFiles {
    private record Entry(byte[] bytes, Object value) {
    }

    private static final ConcurrentHashMap<Path, Entry> CACHE = new ConcurrentHashMap<>();

    private ParsedFiles() {
    }

    /** The parse of these bytes of {@code file}: remembered, or {@code parser}'s (then remembered). */
    static <T> T parse(Path file, byte[] bytes, Class<T> type, Parser<T> parser) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        Entry e = CACHE.get(key);
        if (e != null && type.isInstance(e.value()) && Arrays.equals(e.bytes(), bytes)) {
            return type.cast(e.value());
        }
        T value = parser.parse(bytes);
        CACHE.put(key, new Entry(bytes, value));
        return value;
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }
}
