package dev.creact.engine.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code CREACT_ENCRYPTION_KEY} holds: 32 bytes in base64 used as the AES-256 key as they are, anything
 * else a passphrase stretched with PBKDF2-HMAC-SHA256 (600,000 iterations, OWASP's figure for it) over the
 * random salt the secrets file keeps. Never printed, never written.
 */
public final class EncryptionKey {
    public static final String ENV = "CREACT_ENCRYPTION_KEY";
    public static final int PBKDF2_ITERATIONS = 600_000;
    static final String KDF = "PBKDF2WithHmacSHA256";

    /** A stretch costs a third of a second; a process that reads a stack's secrets twice pays once. */
    private static final Map<String, byte[]> DERIVED = new ConcurrentHashMap<>();

    private final String text;
    private final byte[] raw;

    private EncryptionKey(String text, byte[] raw) {
        this.text = text;
        this.raw = raw;
    }

    /** The key as given; blank is refused. */
    public static EncryptionKey of(String text) {
        if (text == null || text.isBlank()) {
            throw new SecretsException("no encryption key: set " + ENV + " (32 bytes in base64, e.g. from "
                    + "`openssl rand -base64 32`, or a passphrase)");
        }
        byte[] raw = null;
        String t = text.strip();
        if (t.length() == 44 && t.endsWith("=")) {
            try {
                byte[] decoded = Base64.getDecoder().decode(t);
                raw = decoded.length == 32 ? decoded : null;
            } catch (IllegalArgumentException notBase64) {
                raw = null;
            }
        }
        return new EncryptionKey(text, raw);
    }

    /** {@code CREACT_ENCRYPTION_KEY} of this process (or the {@code creact.encryptionKey} system property, for tests in one JVM). */
    public static EncryptionKey fromEnvironment(String stack) {
        String text = System.getenv(ENV);
        if (text == null || text.isBlank()) {
            text = System.getProperty("creact.encryptionKey");
        }
        if (text == null || text.isBlank()) {
            throw new SecretsException("no encryption key for the secrets of stack " + stack + ": set " + ENV
                    + " (32 bytes in base64, e.g. `export " + ENV + "=$(openssl rand -base64 32)`, or a passphrase); "
                    + "keep it in your CI's secret store, not in the repository");
        }
        return of(text);
    }

    /** Whether this is a passphrase (so the file needs a salt). */
    public boolean isPassphrase() {
        return raw == null;
    }

    /** The AES key: the raw bytes, or the passphrase stretched over {@code salt}. */
    SecretKeySpec aesKey(byte[] salt, int iterations) {
        if (raw != null) {
            return new SecretKeySpec(raw, "AES");
        }
        if (salt == null) {
            throw new IllegalStateException("a passphrase needs the file's salt");
        }
        String cacheKey = Base64.getEncoder().encodeToString(salt) + ":" + iterations + ":" + Digests.sha256Hex(text);
        byte[] bytes = DERIVED.computeIfAbsent(cacheKey, k -> {
            var spec = new PBEKeySpec(text.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no " + KDF + ": " + e.getMessage(), e);
            } finally {
                spec.clearPassword();
            }
        });
        return new SecretKeySpec(Arrays.copyOf(bytes, bytes.length), "AES");
    }

    @Override
    public String toString() {
        return "EncryptionKey(hidden)";
    }
}
