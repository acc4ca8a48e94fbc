package dev.creact.engine.sync;

import dev.creact.engine.config.SyncConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * State sync: pushes every change of a stack's state to the applications that follow it, over WebSocket
 * ({@code /v1/ws}), Server-Sent Events ({@code /v1/stacks/{stack}/events}) and REST
 * ({@code /v1/stacks}, {@code /v1/stacks/{stack}/state}). The protocol is in {@code docs/state-sync.md}.
 *
 * <p><b>Feeding it.</b> Whatever changes a stack calls {@link #publish(StackUpdate)} (build the update with
 * {@link StackUpdates}); the call hands the update to the server's publishing thread and returns at once,
 * whatever the clients do. For a stack it has not seen, the server asks its {@link StateSource} once.
 *
 * <p><b>Security.</b> It listens on 127.0.0.1 unless told otherwise. Every request and WebSocket handshake
 * must carry the token ({@code Authorization: Bearer}, the query parameter {@code token}, or for a browser's
 * WebSocket the subprotocol {@code creact-token.<token>}), and a browser page's {@code Origin} must be
 * allowed ({@link OriginPolicy}); anything else is refused before it reaches a handler. Every output in a
 * message has passed the {@link OutputRedaction}; messages carry no props.
 *
 * <p><b>Slow clients.</b> Each client has a bounded queue; a client that falls further behind than
 * {@link Settings#maxQueuedMessages()} messages (or {@link Settings#maxQueuedChars()} characters) is dropped
 * (WebSocket close code 4008) and may reconnect for a fresh snapshot. Publishing never waits for a client.
 */
public final class StateSyncServer implements AutoCloseable {

    /**
     * How the server runs.
     *
     * @param host              address to listen on
     * @param port              port (0: any free one; {@link #port()} tells which)
     * @param token             the token clients must present
     * @param allowedOrigins    web origins that may connect ({@link OriginPolicy}); empty: pages on this machine
     * @param maxQueuedMessages messages that may wait for one client before it is dropped
     * @param maxQueuedChars    characters that may wait for one client before it is dropped
     */
    public record Settings(String host, int port, String token, List<String> allowedOrigins, int maxQueuedMessages,
                           long maxQueuedChars) {
        public static final int DEFAULT_MAX_QUEUED_MESSAGES = 10_000;
        public static final long DEFAULT_MAX_QUEUED_CHARS = 32L << 20;

        public Settings {
            Objects.requireNonNull(host, "host");
            if (!SyncToken.isWellFormed(token)) {
                throw new IllegalArgumentException("the sync token must be 16 to 256 letters, digits, '-' or '_'");
            }
            allowedOrigins = List.copyOf(allowedOrigins == null || allowedOrigins.isEmpty() ? OriginPolicy.LOCALHOST : allowedOrigins);
            if (maxQueuedMessages < 1 || maxQueuedChars < 1) {
                throw new IllegalArgumentException("the per-client bounds must be positive");
            }
        }

        public static Settings of(SyncConfig config, String token) {
            return new Settings(config.host(), config.port(), token, config.allowedOrigins(), DEFAULT_MAX_QUEUED_MESSAGES,
                    DEFAULT_MAX_QUEUED_CHARS);
        }

        public Settings withAddress(String newHost, int newPort) {
            return new Settings(newHost, newPort, token, allowedOrigins, maxQueuedMessages, maxQueuedChars);
        }

        public Settings withBounds(int messages, long chars) {
            return new Settings(host, port, token, allowedOrigins, messages, chars);
        }
    }

    /** What the server has done so far, for tests and benchmarks. */
    public record Stats(long updates, long messages, long dropped, int connections) {
    }

    private final Settings settings;
    private final OriginPolicy origins;
    private final SyncHub hub;
    private final Map<String, WebSocketSubscriber> sockets = new ConcurrentHashMap<>();
    private final Map<SseSubscriber, Boolean> streams = new ConcurrentHashMap<>();
    private final Javalin app;

    private StateSyncServer(Settings settings, StateSource source, OutputRedaction redaction) {
        this.settings = settings;
        this.origins = new OriginPolicy(settings.allowedOrigins());
        this.hub = new SyncHub(source, redaction);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.concurrency.useVirtualThreads = true;
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setIdleTimeout(Duration.ofMinutes(5));
                ws.setMaxTextMessageSize(64 * 1024);
            });
            config.routes.exception(Refusal.class, (e, ctx) -> e.answer(ctx));
            config.routes.before("/v1/*", this::admit);
            config.routes.wsBeforeUpgrade(StateSyncProtocol.WS_PATH, this::admitWebSocket);
            config.routes.options("/v1/*", ctx -> ctx.status(204));
            config.routes.get("/v1/stacks", ctx -> json(ctx, await(hub.stacks())));
            config.routes.get("/v1/stacks/{stack}/state", ctx -> {
                String stack = stackParam(ctx);
                var state = await(hub.fullState(stack));
                if (state.isEmpty()) {
                    throw Refusal.unknownStack(stack);
                }
                json(ctx, state.get());
            });
            // Checked before the stream starts: once it has, the answer is 200 whatever follows.
            config.routes.before("/v1/stacks/{stack}/events", StateSyncServer::stackParam);
            config.routes.sse("/v1/stacks/{stack}/events", client -> {
                String stack = stackParam(client.ctx());
                var sub = new SseSubscriber(client, settings.maxQueuedMessages(), settings.maxQueuedChars());
                streams.put(sub, true);
                client.onClose(() -> {
                    streams.remove(sub);
                    hub.remove(sub);
                });
                client.keepAlive();
                sub.start();
                hub.subscribe(sub, stack);
            });
            config.routes.ws(StateSyncProtocol.WS_PATH, ws -> {
                ws.onConnect(ctx -> {
                    ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
                    var sub = new WebSocketSubscriber(ctx, settings.maxQueuedMessages(), settings.maxQueuedChars());
                    sockets.put(ctx.sessionId(), sub);
                    sub.start();
                });
                ws.onMessage(ctx -> {
                    var sub = sockets.get(ctx.sessionId());
                    if (sub == null) {
                        return;
                    }
                    try {
                        var message = StateSyncProtocol.parse(ctx.message());
                        if (message.type().equals("subscribe")) {
                            hub.subscribe(sub, message.stack());
                        } else {
                            hub.unsubscribe(sub, message.stack());
                        }
                    } catch (StateSyncProtocol.BadMessage e) {
                        hub.error(sub, e.code(), e.getMessage(), e.stack());
                    }
                });
                ws.onClose(ctx -> gone(ctx));
                ws.onError(ctx -> gone(ctx));
            });
        });
    }

    /** Starts a server; it listens when this returns. */
    public static StateSyncServer start(Settings settings, StateSource source, OutputRedaction redaction) {
        var server = new StateSyncServer(settings, source, redaction);
        server.app.start();
        return server;
    }

    /** Hands an update to the publishing thread; returns at once. */
    public void publish(StackUpdate update) {
        hub.publish(Objects.requireNonNull(update, "update"));
    }

    public String host() {
        return settings.host();
    }

    public int port() {
        return app.port();
    }

    public String httpUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    public String webSocketUrl() {
        return "ws://" + hostForUrl() + ":" + port() + StateSyncProtocol.WS_PATH;
    }

    private String hostForUrl() {
        String h = settings.host();
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    public Stats stats() {
        var s = hub.stats();
        return new Stats(s.updates(), s.messages(), s.dropped(), sockets.size() + streams.size());
    }

    @Override
    public void close() {
        sockets.values().forEach(s -> s.abort(1001, "the server is stopping"));
        streams.keySet().forEach(s -> s.abort(1001, "the server is stopping"));
        app.stop();
        hub.close();
    }

    private void gone(WsContext ctx) {
        var sub = sockets.remove(ctx.sessionId());
        if (sub != null) {
            hub.remove(sub);
        }
    }

    /** Every HTTP request under /v1: the Origin first (and CORS headers for allowed pages), then the token. */
    private void admit(Context ctx) {
        String origin = ctx.header("Origin");
        if (!origins.allows(origin)) {
            throw Refusal.origin(origin);
        }
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Last-Event-ID");
            ctx.header("Access-Control-Allow-Methods", "GET, OPTIONS");
        }
        if (ctx.method() == HandlerType.OPTIONS) {
            return; // a CORS preflight carries no credentials; the request that follows must
        }
        if (ctx.path().equals(StateSyncProtocol.WS_PATH)) {
            return; // judged in admitWebSocket, where the subprotocol counts too
        }
        checkToken(ctx.header("Authorization"), ctx.queryParam("token"), null);
    }

    private void admitWebSocket(Context ctx) {
        if (!origins.allows(ctx.header("Origin"))) {
            throw Refusal.origin(ctx.header("Origin"));
        }
        String protocols = ctx.header("Sec-WebSocket-Protocol");
        String fromProtocol = null;
        if (protocols != null) {
            var offered = java.util.Arrays.stream(protocols.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
            // The server answers with the first protocol offered, so the token must never come first.
            if (offered.isEmpty() || !offered.getFirst().equals(StateSyncProtocol.SUBPROTOCOL)) {
                throw new Refusal(400, StateSyncProtocol.BAD_MESSAGE, "offer the subprotocol '"
                        + StateSyncProtocol.SUBPROTOCOL + "' first (then '" + StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX
                        + "<token>' if the token goes this way)");
            }
            fromProtocol = offered.stream().filter(p -> p.startsWith(StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX))
                    .map(p -> p.substring(StateSyncProtocol.TOKEN_SUBPROTOCOL_PREFIX.length())).findFirst().orElse(null);
        }
        checkToken(ctx.header("Authorization"), ctx.queryParam("token"), fromProtocol);
    }

    private void checkToken(String authorization, String query, String subprotocol) {
        String given = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        } else if (query != null) {
            given = query;
        } else if (subprotocol != null) {
            given = subprotocol;
        }
        if (given == null) {
            throw new Refusal(401, StateSyncProtocol.UNAUTHORIZED, "a token is required: send 'Authorization: Bearer <token>' "
                    + "(the token is printed by `creact serve` and kept in .creact/sync.json)");
        }
        if (!SyncToken.matches(settings.token(), given)) {
            throw new Refusal(401, StateSyncProtocol.UNAUTHORIZED, "wrong token: use the one in .creact/sync.json "
                    + "or CREACT_SYNC_TOKEN of the running server");
        }
    }

    private static String stackParam(Context ctx) {
        String stack = ctx.pathParam("stack");
        if (!StateSyncProtocol.isValidStackName(stack)) {
            throw new Refusal(400, StateSyncProtocol.INVALID_STACK, "'" + stack + "' is not a stack name: use letters, "
                    + "digits, '.', '_' and '-' (at most 64 characters)");
        }
        return stack;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Refusal(503, StateSyncProtocol.STATE_UNAVAILABLE, "the state cannot be read: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new Refusal(503, StateSyncProtocol.STATE_UNAVAILABLE, "the state could not be read within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, StateSyncProtocol.STATE_UNAVAILABLE, "interrupted");
        }
    }

    private static void json(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    /** A request the server will not serve, answered with an {@code error} document and a status. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        static Refusal origin(String origin) {
            return new Refusal(403, StateSyncProtocol.FORBIDDEN_ORIGIN, "pages from " + origin + " may not connect; "
                    + "allow the origin in creact.config.json under sync.allowedOrigins");
        }

        static Refusal unknownStack(String stack) {
            return new Refusal(404, StateSyncProtocol.UNKNOWN_STACK, "this server does not serve stack '" + stack
                    + "'; GET /v1/stacks lists those it does");
        }

        void answer(Context ctx) {
            ctx.status(status).contentType("application/json").result(StateSyncProtocol.error(code, getMessage(), null));
        }
    }
}
