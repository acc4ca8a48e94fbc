package dev.creact.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stub, not a Lambda: a local HTTP server answering Lambda's REST API (2015-03-31: create, get, update
 * configuration and code, delete) from an in-memory table, since no Lambda-compatible server is available
 * here. It runs no code and checks no image or role; it records every request the SDK sends (method, path,
 * the Authorization header, the JSON body) for a test to check, and can be told to answer the next requests
 * with an AWS error.
 */
public final class LambdaStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the SDK sent it. */
    public record Seen(String method, String path, String authorization, JsonNode body) {
    }

    private record Failure(int status, String code, String message) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> functions = new ConcurrentHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();

    /** On a free port of 127.0.0.1. */
    public LambdaStub() throws IOException {
        this(0);
    }

    /** On this port of 127.0.0.1 (0: a free one). */
    public LambdaStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public Map<String, ObjectNode> functions() {
        return functions;
    }

    /** The next request is answered with this AWS error (they queue). */
    public synchronized void failNext(int status, String code, String message) {
        failures.add(new Failure(status, code, message));
    }

    private synchronized Failure nextFailure() {
        return failures.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        seen.add(new Seen(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        Failure failure = nextFailure();
        if (failure != null) {
            error(exchange, failure.status(), failure.code(), failure.message());
            return;
        }
        var parts = path.split("/");
        // /2015-03-31/functions[/name[/configuration|/code]]
        if (parts.length < 3 || !"2015-03-31".equals(parts[1]) || !"functions".equals(parts[2])) {
            error(exchange, 400, "UnknownOperationException", "no such operation: " + method + " " + path);
            return;
        }
        String name = parts.length > 3 ? parts[3] : null;
        String tail = parts.length > 4 ? parts[4] : null;
        if (method.equals("POST") && name == null) {
            String fn = body.path("FunctionName").asText();
            if (functions.containsKey(fn)) {
                error(exchange, 409, "ResourceConflictException", "Function already exist: " + fn);
                return;
            }
            ObjectNode config = JSON.createObjectNode();
            config.put("FunctionName", fn);
            config.put("FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:" + fn);
            config.put("Role", body.path("Role").asText());
            config.put("MemorySize", body.path("MemorySize").asInt(128));
            config.put("Timeout", body.path("Timeout").asInt(3));
            config.put("Version", "1");
            config.put("PackageType", body.path("PackageType").asText("Zip"));
            config.set("Environment", body.path("Environment").deepCopy());
            functions.put(fn, config);
            json(exchange, 201, config);
            return;
        }
        ObjectNode config = name == null ? null : functions.get(name);
        if (config == null) {
            error(exchange, 404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name);
            return;
        }
        if (method.equals("GET") && tail == null) {
            ObjectNode out = JSON.createObjectNode();
            out.set("Configuration", config);
            json(exchange, 200, out);
        } else if (method.equals("PUT") && "configuration".equals(tail)) {
            if (body.has("MemorySize")) {
                config.put("MemorySize", body.path("MemorySize").asInt());
            }
            if (body.has("Timeout")) {
                config.put("Timeout", body.path("Timeout").asInt());
            }
            config.set("Environment", body.path("Environment").deepCopy());
            json(exchange, 200, config);
        } else if (method.equals("PUT") && "code".equals(tail)) {
            config.put("Version", Integer.toString(Integer.parseInt(config.path("Version").asText()) + 1));
            json(exchange, 200, config);
        } else if (method.equals("DELETE") && tail == null) {
            functions.remove(name);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            error(exchange, 400, "UnknownOperationException", "no such operation: " + method + " " + path);
        }
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + System.nanoTime());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put("message", message);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
