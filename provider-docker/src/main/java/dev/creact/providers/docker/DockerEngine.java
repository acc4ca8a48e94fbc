package dev.creact.providers.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creact.engine.provider.OperationContext;
import dev.creact.engine.provider.ProviderException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.PathRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Docker Engine API as creact speaks it: JSON requests to a daemon on a Unix socket
 * ({@code unix:///var/run/docker.sock}) or TCP ({@code tcp://host:2375}), through Jetty's HTTP client (its
 * {@code Transport.TCPUnix} reaches the socket with the JDK's own Unix-domain channels, so no
 * native library is needed). Paths are unversioned: the daemon answers in its own API version.
 *
 * <p>Errors become {@link ProviderException}s with the daemon's message: 5xx and connection failures are
 * transient, 4xx permanent, except 404, which callers ask about with {@link #getOrNull}.
 */
final class DockerEngine implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String where;
    /** The Unix socket to reach, or null for TCP. */
    private final Transport transport;

    DockerEngine(String host) {
        this.where = host;
        if (host.startsWith("unix://")) {
            transport = new Transport.TCPUnix(Path.of(host.substring("unix://".length())));
            base = "http://docker";
        } else if (host.startsWith("tcp://") || host.startsWith("http://")) {
            transport = null;
            URI uri = URI.create(host.replaceFirst("^tcp://", "http://"));
            base = "http://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 2375 : uri.getPort());
        } else {
            throw new IllegalArgumentException("providers.docker.host: '" + host
                    + "' is neither unix:///path/to/docker.sock nor tcp://host:port");
        }
        http = new HttpClient(new HttpClientTransportOverHTTP(new ClientConnector()));
        http.setUserAgentField(null);
        http.setConnectTimeout(10_000);
    }

    /** Started on first use: every command opens every plugin's provider, most never call Docker. */
    private synchronized HttpClient started() {
        if (!http.isStarted()) {
            try {
                http.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the HTTP client for Docker at " + where + ": " + e.getMessage(), e);
            }
        }
        return http;
    }

    private Request request(String path) {
        Request r = started().newRequest(base + path);
        return transport == null ? r : r.transport(transport);
    }

    String host() {
        return where;
    }

    /** GET that answers null for 404 (the object is gone). */
    JsonNode getOrNull(String path, OperationContext ctx) throws ProviderException {
        Answer a = send(request(path).method(HttpMethod.GET), ctx);
        if (a.status == 404) {
            return null;
        }
        return a.json(path);
    }

    JsonNode post(String path, JsonNode body, OperationContext ctx) throws ProviderException {
        Request r = request(path).method(HttpMethod.POST);
        if (body != null) {
            r.body(new BytesRequestContent("application/json", bytes(body)));
        }
        return send(r, ctx).json(path);
    }

    /** DELETE or POST whose 404 means "already gone" (answers false then), and 304 "already so". */
    boolean call(HttpMethod method, String path, OperationContext ctx) throws ProviderException {
        Answer a = send(request(path).method(method), ctx);
        if (a.status == 404) {
            return false;
        }
        a.json(path);
        return true;
    }

    /**
     * POST of a file (a build context tar or an image tarball) whose answer is the daemon's JSON progress
     * stream: the {@code stream} text goes to {@code lines} a whole line at a time (the daemon sends what a
     * build step printed in whatever pieces it was written, and the deployer's redaction of secret values
     * works on what it is given: a value cut in two would pass it), an {@code error} fails the call, and the
     * last {@code aux} object is returned (a build's image id) or null. Messages name {@code path} without its
     * query, which holds the build args (URL-encoded, so no longer the values the redaction knows).
     */
    JsonNode postStream(String path, Path file, String contentType, OperationContext ctx, Consumer<String> lines)
            throws ProviderException {
        String shown = withoutQuery(path);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        try {
            Request request = request(path).method(HttpMethod.POST)
                    .body(new PathRequestContent(contentType, file)).timeout(timeoutMillis(ctx), TimeUnit.MILLISECONDS);
            request.send(listener);
            // The request's own total timeout fails the exchange first (wrapped, see timedOut); the wait's
            // extra second is only a backstop, so which of the two reports the timeout is never a race.
            Response response = listener.get(timeoutMillis(ctx) + 1_000, TimeUnit.MILLISECONDS);
            JsonNode aux = null;
            StringBuilder errorBody = new StringBuilder();
            var pending = new StreamLines(lines);
            try (var reader = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (ctx.cancelled()) {
                        request.abort(new IOException("cancelled"));
                        throw ProviderException.permanent("docker: " + shown + " cancelled");
                    }
                    if (response.getStatus() >= 300) {
                        errorBody.append(line);
                        continue;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode event = JSON.readTree(line);
                    if (event.hasNonNull("error")) {
                        pending.flush();
                        throw ProviderException.permanent("docker: " + event.get("error").asText().strip());
                    }
                    if (event.hasNonNull("stream")) {
                        pending.add(event.get("stream").asText());
                    }
                    if (event.has("aux")) {
                        aux = event.get("aux");
                    }
                }
            }
            pending.flush();
            if (response.getStatus() >= 300) {
                throw failure(response.getStatus(), errorBody.toString(), path);
            }
            return aux;
        } catch (TimeoutException e) {
            throw noAnswer(shown);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.permanent("docker: " + shown + " interrupted");
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            if (timedOut(e)) { // the client's total timeout fails the exchange, and the failure arrives wrapped
                throw noAnswer(shown);
            }
            throw unreachable(e, path);
        }
    }

    /** Stream text cut into whole lines: each finished line (blank ones dropped) goes out as it ends, the rest on {@link #flush}. */
    static final class StreamLines {
        private final Consumer<String> out;
        private final StringBuilder partial = new StringBuilder();

        StreamLines(Consumer<String> out) {
            this.out = out;
        }

        void add(String text) {
            partial.append(text);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                emit(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        }

        void flush() {
            if (!partial.isEmpty()) {
                emit(partial.toString());
                partial.setLength(0);
            }
        }

        private void emit(String line) {
            String text = line.stripTrailing();
            if (!text.isBlank()) {
                out.accept(text);
            }
        }
    }

    static String withoutQuery(String path) {
        return path.replaceFirst("\\?.*", "");
    }

    private Answer send(Request request, OperationContext ctx) throws ProviderException {
        try {
            var response = request.timeout(timeoutMillis(ctx), TimeUnit.MILLISECONDS).send();
            return new Answer(response.getStatus(), response.getContentAsString());
        } catch (TimeoutException e) {
            throw noAnswer(request.getPath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.permanent("docker: " + request.getPath() + " interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (timedOut(e)) {
                throw noAnswer(request.getPath());
            }
            throw unreachable(e, request.getPath());
        }
    }

    /** The request's timeout ran out, however the client reported it ({@code path} without its query). */
    private ProviderException noAnswer(String path) {
        return ProviderException.transientFailure("docker: " + path + " did not answer in time at " + where);
    }

    /** Whether a transport failure is the request's own timeout running out, which may be wrapped more than once. */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A transport failure; its text never repeats the query of {@code path} (build args), should the client quote the URI. */
    private ProviderException unreachable(Exception e, String path) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String said = String.valueOf(cause.getMessage());
        int q = path.indexOf('?');
        if (q >= 0) {
            said = said.replace(path.substring(q), "");
        }
        return new ProviderException("docker: cannot reach the daemon at " + where + ": " + said
                + " (is dockerd running? set providers.docker.host or DOCKER_HOST)", true, null); // no cause: its text may quote the URI
    }

    private static long timeoutMillis(OperationContext ctx) {
        return Math.max(1, Math.min(ctx.remaining().toMillis(), Duration.ofMinutes(30).toMillis()));
    }

    private record Answer(int status, String body) {
        JsonNode json(String path) throws ProviderException {
            if (status >= 300 && status != 304) {
                throw failure(status, body, path);
            }
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw ProviderException.permanent("docker: " + path + " answered what is not JSON: " + e.getMessage());
            }
        }
    }

    static ProviderException failure(int status, String body, String path) {
        String message = body;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.hasNonNull("message")) {
                message = json.get("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: keep the body as it is
        }
        message = message == null ? "" : message.strip();
        String text = "docker: " + message + " (HTTP " + status + " from " + withoutQuery(path) + ")";
        return new ProviderException(text, status >= 500 && status != 501);
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception ignored) {
            // closing: nothing left to do with a client that will not stop
        }
    }
}
