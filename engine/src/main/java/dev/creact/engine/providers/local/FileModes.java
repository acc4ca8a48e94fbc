package dev.creact.engine.providers.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creact.engine.provider.ProviderException;
import dev.creact.engine.provider.ResourceRequest;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a {@code mode} prop as Unix permission bits. Both {@code "644"}/{@code "0644"} and the number
 * {@code 644} mean rw-r--r--: the number is read by its digits, as people write modes, not as a value
 * (so {@code 0o644} in TypeScript, which is 420, is refused rather than silently misread).
 */
final class FileModes {
    private static final PosixFilePermission[] BITS = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileModes() {
    }

    /** The permissions the prop asks for, or null when it has none. */
    static Set<PosixFilePermission> parse(ResourceRequest request) throws ProviderException {
        JsonNode mode = request.props().get("mode");
        if (mode == null || mode.isNull()) {
            return null;
        }
        String digits;
        if (mode.isTextual()) {
            digits = mode.asText().trim();
        } else if (mode.isIntegralNumber()) {
            digits = mode.asText();
        } else {
            throw invalid(request, mode);
        }
        // A leading 0 is only the octal marker; setuid/setgid/sticky bits are not supported by NIO.
        if (digits.length() == 4 && digits.charAt(0) == '0') {
            digits = digits.substring(1);
        }
        if (!digits.matches("[0-7]{3}")) {
            throw invalid(request, mode);
        }
        int bits = Integer.parseInt(digits, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & (1 << i)) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return permissions;
    }

    private static ProviderException invalid(ResourceRequest request, JsonNode mode) {
        return ProviderException.permanent(("%s (%s): mode %s is not a file mode; write it as three octal digits "
                + "such as \"644\" or \"0755\"").formatted(request.id(), request.type(), mode));
    }

    /** Permissions as three octal digits: rw-r--r-- is "644". */
    static String octal(Set<PosixFilePermission> permissions) {
        int bits = 0;
        for (int i = 0; i < BITS.length; i++) {
            if (permissions.contains(BITS[i])) {
                bits |= 1 << i;
            }
        }
        return String.format("%03o", bits);
    }
}
