package dev.creact.backend.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * Turns a failed database call into what the engine and its users understand: an
 * {@link UncheckedIOException} (the engine's "storage failed" everywhere) whose message says what was being
 * done, with which database (its URL without the password), why, and what to try.
 */
final class PostgresErrors {
    private final String where;

    PostgresErrors(PostgresSettings settings) {
        this.where = "the PostgreSQL backend at " + settings.display() + " (schema " + settings.schema() + ")";
    }

    String where() {
        return where;
    }

    UncheckedIOException failed(String doing, SQLException e) {
        return new UncheckedIOException(message(doing, e), new IOException(e));
    }

    String message(String doing, SQLException e) {
        SQLException root = rootCause(e);
        String state = root.getSQLState() == null ? "" : root.getSQLState();
        String reason = firstLine(root.getMessage());
        if (isConnectionLoss(e)) {
            return "cannot " + doing + ": " + where + " cannot be reached (" + reason + "). Check that the server is "
                    + "running and accepts connections from this machine, and the backend's url (creact.config.json or "
                    + PostgresSettings.URL_VARIABLE + "); `creact info` shows the backend in use.";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "cannot " + doing + ": " + where + " refused the login (" + reason + "). Set the password in "
                    + "PGPASSWORD, or in the variable the backend's \"passwordEnv\" names, and the user in the url or \"user\".";
        }
        if (state.equals("3D000")) {
            return "cannot " + doing + ": " + where + ": " + reason + ". Create the database first (createdb), or fix the url.";
        }
        if (state.equals("42501")) {
            return "cannot " + doing + ": " + where + ": " + reason + ". The user needs to create and use the schema "
                    + "(GRANT CREATE, USAGE), or an administrator creates it once.";
        }
        return "cannot " + doing + ": " + where + ": " + reason + (state.isEmpty() ? "" : " (SQL state " + state + ")");
    }

    /** Whether {@code e} says the connection is gone or could not be made (rather than a refused statement). */
    static boolean isConnectionLoss(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String st = s.getSQLState();
                if (st.startsWith("08") || st.equals("57P01") || st.equals("57P02") || st.equals("57P03")) {
                    return true;
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || t instanceof java.io.EOFException || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
    }

    private static SQLException rootCause(SQLException e) {
        SQLException out = e;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                out = s;
            }
        }
        return out;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
