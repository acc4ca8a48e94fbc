package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;
import dev.creact.engine.provider.ResourceResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code local:File}: a file under the project root, written whole and atomically. */
final class LocalFiles implements LocalHandler {
    @Override
    public ResourceResult create(ResourceRequest request) throws ProviderException {
        return write(request);
    }

    @Override
    public ResourceResult update(ResourceRequest request) throws ProviderException {
        return write(request);
    }

    @Override
    public Optional<ResourceResult> read(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = sha256();
            var small = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                if (small.size() <= OBSERVED_LIMIT) {
                    small.write(buffer, 0, n);
                }
            }
            var result = result(path, digest.digest());
            return Optional.of(result.withObserved(observed(request, path, small.size() <= OBSERVED_LIMIT
                    ? small.toByteArray() : null)));
        } catch (IOException e) {
            throw failure(request, "read", path, e);
        }
    }

    /** Files up to this size report their content as observed (larger ones only their hash, in the outputs). */
    private static final int OBSERVED_LIMIT = 1 << 20;

    /** The props as the file is: its path as given, its content when it is small UTF-8 text, its mode when one was set. */
    private static ObjectNode observed(ResourceRequest request, Path path, byte[] content) throws IOException {
        ObjectNode props = JsonNodeFactory.instance.objectNode();
        props.set("path", request.props().get("path"));
        if (content != null) {
            var decoder = StandardCharsets.UTF_8.newDecoder();
            try {
                props.put("content", decoder.decode(ByteBuffer.wrap(content)).toString());
            } catch (java.nio.charset.CharacterCodingException notText) {
                // binary: the hash in the outputs tells a change
            }
        }
        if (request.props().has("mode")) {
            PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (posix != null) {
                var actual = posix.readAttributes().permissions();
                Set<PosixFilePermission> stated;
                try {
                    stated = FileModes.parse(request);
                } catch (ProviderException e) {
                    stated = null;
                }
                // Unchanged: the mode as the state writes it ("0644", 644); changed: the digits found.
                if (actual.equals(stated)) {
                    props.set("mode", request.props().get("mode"));
                } else {
                    props.put("mode", FileModes.octal(actual));
                }
            }
        }
        return props;
    }

    @Override
    public void delete(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw failure(request, "delete", path, e);
        }
    }

    /**
     * Writes a temporary file next to the target and renames it over the target, so a reader (or a crash)
     * sees either the old content or the new, never half a file. The mode is set on the temporary file
     * first, so the file never exists under its name with the wrong permissions.
     */
    private static ResourceResult write(ResourceRequest request) throws ProviderException {
        Path path = path(request);
        byte[] content = Props.string(request, "content", "").getBytes(StandardCharsets.UTF_8);
        Set<PosixFilePermission> mode = FileModes.parse(request);
        Path temp = path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            // CREATE_NEW rather than Files.createTempFile: the latter makes the file 0600, while a file
            // without a mode prop should get the usual permissions (0666 less the umask).
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (mode != null) {
                PosixFileAttributeView posix = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
                if (posix != null) { // not on Windows file systems; the mode is then ignored
                    posix.setPermissions(mode);
                }
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is the one worth reporting
            }
            throw failure(request, "write", path, e);
        }
        return result(path, sha256().digest(content));
    }

    private static Path path(ResourceRequest request) throws ProviderException {
        return ProjectPaths.resolve(request, "path", Props.requiredString(request, "path"));
    }

    private static ResourceResult result(Path path, byte[] digest) {
        ObjectNode outputs = JsonNodeFactory.instance.objectNode()
                .put("path", path.toString())
                .put("sha256", HexFormat.of().formatHex(digest));
        return new ResourceResult(outputs, null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Local I/O failures (permissions, a folder where a file should be, a full disk) do not go away on retry. */
    static ProviderException failure(ResourceRequest request, String action, Path path, IOException e) {
        return new ProviderException("%s (%s): cannot %s %s: %s".formatted(request.id(), request.type(), action, path, e),
                false, e);
    }
}
