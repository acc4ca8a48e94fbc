package dev.creact.engine.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secret every client of the server must present. Generated from {@link SecureRandom} (32 bytes,
 * base64url), or given in {@code CREACT_SYNC_TOKEN}; a token already in the project's {@code .creact/sync.json}
 * (readable only by its owner) is kept, so clients reconnect after the server restarts.
 */
public final class SyncToken {
    public static final String ENV = "CREACT_SYNC_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SyncToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token usable in a header, a query parameter and a WebSocket subprotocol: 16 to 256 of [A-Za-z0-9_-]. */
    public static boolean isWellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{16,256}");
    }

    /**
     * The token to use: {@code CREACT_SYNC_TOKEN} from {@code env}, else the one in {@code .creact/sync.json}
     * when that file is still private, else a new one.
     */
    public static String resolve(Path projectRoot, Map<String, String> env) {
        String given = env.get(ENV);
        if (given != null && !given.isBlank()) {
            if (!isWellFormed(given.trim())) {
                throw new IllegalArgumentException(ENV + " must be 16 to 256 letters, digits, '-' or '_' "
                        + "(it travels in headers and WebSocket subprotocols); unset it to get a generated token");
            }
            return given.trim();
        }
        return SyncEndpointFile.readPrivateToken(projectRoot).filter(SyncToken::isWellFormed).orElseGet(SyncToken::generate);
    }

    /** Compares in time independent of where the strings differ. */
    static boolean matches(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
