package dev.creact.engine.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The secret-store name under which a sensitive output is sealed: {@code OUTPUT_<RESOURCE>_<OUTPUT>_<hash>}.
 * The readable part helps `creact secrets list`; the hash of the exact id and output keeps two resources
 * whose names fold to the same upper-case text apart.
 */
final class SensitiveOutputNames {
    static final String PREFIX = dev.creact.engine.model.SecretRef.OUTPUT_PREFIX;

    private SensitiveOutputNames() {
    }

    static String of(String resourceId, String output) {
        String readable = (resourceId + "_" + output).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((resourceId + "\0" + output).getBytes(StandardCharsets.UTF_8));
            return PREFIX + readable + "_" + HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
