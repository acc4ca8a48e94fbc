package dev.creact.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.model.Json;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The wire format of state sync, version {@value #SCHEMA_VERSION} (described in {@code docs/state-sync.md}):
 * the names, the client messages and the {@code error} message. {@code state_update} messages are written by
 * {@link StackView}, which knows what changed.
 */
public final class StateSyncProtocol {
    /** Every server message carries it; a client refuses a version it does not know. */
    public static final int SCHEMA_VERSION = 1;
    /** The WebSocket subprotocol a client asks for (and the server answers with). */
    public static final String SUBPROTOCOL = "creact.sync.v1";
    /** A browser, which cannot set headers on a WebSocket, offers its token as the subprotocol {@code creact-token.<token>}. */
    public static final String TOKEN_SUBPROTOCOL_PREFIX = "creact-token.";
    public static final String WS_PATH = "/v1/ws";

    /** Error codes of {@code error} messages and REST error bodies. */
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN_ORIGIN = "forbidden_origin";
    public static final String BAD_MESSAGE = "bad_message";
    public static final String INVALID_STACK = "invalid_stack";
    public static final String UNKNOWN_STACK = "unknown_stack";
    public static final String STATE_UNAVAILABLE = "state_unavailable";
    public static final String TOO_SLOW = "too_slow";

    /** WebSocket close code for a client dropped because it did not keep up (4000–4999 are for applications). */
    public static final int CLOSE_TOO_SLOW = 4008;

    /** The stack names the file backend accepts. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private StateSyncProtocol() {
    }

    /** What a client asked for. */
    public record ClientMessage(String type, String stack) {
    }

    /** A client message that cannot be served, with the error code the client gets. */
    public static final class BadMessage extends Exception {
        private final String code;
        private final String stack;

        BadMessage(String code, String message) {
            this(code, message, null);
        }

        BadMessage(String code, String message, String stack) {
            super(message);
            this.code = code;
            this.stack = stack;
        }

        public String code() {
            return code;
        }

        /** The stack the message named, when it named one (so the client knows which subscription failed). */
        public String stack() {
            return stack;
        }
    }

    public static boolean isValidStackName(String stack) {
        return stack != null && STACK_NAME.matcher(stack).matches() && !stack.contains("..");
    }

    /** Parses {@code {"type":"subscribe"|"unsubscribe","stack":NAME}}. */
    public static ClientMessage parse(String text) throws BadMessage {
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new BadMessage(BAD_MESSAGE, "a message must be a JSON object such as {\"type\":\"subscribe\",\"stack\":\"dev\"}");
        }
        if (json == null || !json.isObject()) {
            throw new BadMessage(BAD_MESSAGE, "a message must be a JSON object such as {\"type\":\"subscribe\",\"stack\":\"dev\"}");
        }
        String type = json.path("type").asText("");
        if (!type.equals("subscribe") && !type.equals("unsubscribe")) {
            throw new BadMessage(BAD_MESSAGE, "unknown message type '" + type + "': send \"subscribe\" or \"unsubscribe\"");
        }
        if (json.has("schemaVersion") && json.path("schemaVersion").asInt(-1) != SCHEMA_VERSION) {
            throw new BadMessage(BAD_MESSAGE, "this server speaks schema version " + SCHEMA_VERSION + ", not "
                    + json.path("schemaVersion"));
        }
        String stack = json.path("stack").asText(null);
        if (!isValidStackName(stack)) {
            throw new BadMessage(INVALID_STACK, "'" + (stack == null ? "" : stack) + "' is not a stack name: use letters, "
                    + "digits, '.', '_' and '-' (at most 64 characters)", stack);
        }
        return new ClientMessage(type, stack);
    }

    /** An {@code error} message; {@code stack} may be null. */
    public static String error(String code, String message, String stack) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("type", "error");
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("code", code);
        o.put("message", message);
        if (stack != null) {
            o.put("stack", stack);
        }
        return Json.write(o);
    }
}
