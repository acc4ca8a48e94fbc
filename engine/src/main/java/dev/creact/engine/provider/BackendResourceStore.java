package dev.creact.engine.provider;

import dev.creact.engine.backend.StateBackend;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A provider's {@link ResourceStore} as documents of one stack in the backend, named
 * {@code provider.<provider>.<resource>.<name>}. A resource id that is not a valid document name part (ids
 * may hold characters document names do not) is replaced by a digest of it, so names never collide.
 */
final class BackendResourceStore implements ResourceStore {
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,80}");
    private final StateBackend backend;
    private final String stack;
    private final String provider;

    BackendResourceStore(StateBackend backend, String stack, String provider) {
        this.backend = backend;
        this.stack = stack;
        this.provider = provider;
    }

    @Override
    public Optional<byte[]> read(String resourceId, String name) {
        return backend.readDocument(stack, documentName(resourceId, name));
    }

    @Override
    public void write(String resourceId, String name, byte[] content) {
        backend.writeDocument(stack, documentName(resourceId, name), content);
    }

    String documentName(String resourceId, String name) {
        if (!PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("document name " + name + " is not lower-case letters, digits, '.', '-', '_'");
        }
        String id = PLAIN.matcher(resourceId).matches() ? resourceId : "sha256-" + digest(resourceId);
        return "provider." + provider + "." + id + "." + name;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
