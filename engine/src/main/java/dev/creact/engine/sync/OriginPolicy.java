package dev.creact.engine.sync;

import java.util.List;
import java.util.Locale;

/**
 * Which web pages may talk to the server: a browser sends the page's {@code Origin} with every WebSocket
 * handshake and cross-origin request, and one not listed is refused, so a page on another site cannot
 * read the state even if it guessed the port. Requests without an {@code Origin} (command-line tools,
 * scripts, other servers) are not browsers' and are judged by their token alone.
 *
 * <p>An entry is an exact origin ({@code https://dash.example.com}) or one with any port
 * ({@code http://localhost:*}).
 */
public final class OriginPolicy {
    /** Pages served from this machine, on any port. */
    public static final List<String> LOCALHOST = List.of(
            "http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
            "https://localhost:*", "https://127.0.0.1:*", "https://[::1]:*");

    private final List<String> allowed;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
        for (String a : this.allowed) {
            if (!a.matches("https?://[^/]+")) {
                throw new IllegalArgumentException("allowed origin '" + a + "' is not an origin: write scheme://host or "
                        + "scheme://host:port (or :* for any port), such as http://localhost:*");
            }
        }
    }

    public List<String> allowed() {
        return allowed;
    }

    /** Whether a request with this {@code Origin} header may go on (null: not from a browser page). */
    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(o)) {
                return true;
            }
            if (a.endsWith(":*")) {
                String prefix = a.substring(0, a.length() - 1);
                if (o.equals(a.substring(0, a.length() - 2))
                        || o.startsWith(prefix) && o.length() > prefix.length() && o.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                    return true;
                }
            }
        }
        return false;
    }
}
