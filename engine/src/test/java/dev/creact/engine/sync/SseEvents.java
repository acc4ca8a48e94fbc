package dev.creact.engine.sync;

import java.io.BufferedReader;
import java.io.IOException;

/** Reads Server-Sent Events the way a browser's EventSource does (enough of it for tests). */
final class SseEvents {
    record Event(String event, String id, String data) {
    }

    private SseEvents() {
    }

    /** The next event (comments skipped); null at the end of the stream. */
    static Event next(BufferedReader reader) throws IOException {
        String event = "message";
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(event, id, data.toString());
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                }
            }
        }
        return null;
    }
}
