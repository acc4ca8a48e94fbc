package dev.creact.engine.api;

import dev.creact.engine.backend.FileStateBackend;
import dev.creact.engine.sync.BackendStateSource;
import dev.creact.engine.sync.DeployEventFeed;
import dev.creact.engine.sync.FileStateFeed;
import dev.creact.engine.sync.SensitiveOutputRedaction;
import dev.creact.engine.sync.StateSource;
import dev.creact.engine.sync.StateSyncServer;
import dev.creact.engine.sync.SyncEndpointFile;
import dev.creact.engine.sync.SyncToken;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A running state sync server for one project (WebSocket, REST and Server-Sent Events; see
 * docs/state-sync.md): it follows every stack-changing command of this process as it runs, resource by
 * resource, and with {@code followFiles} also what other processes deploy (the file backend's files are
 * watched). Bound to 127.0.0.1 unless told otherwise; every client needs {@link #token()}, which is also in
 * {@link #endpointFile()} (readable only by its owner). Close it to stop.
 */
public final class StateServer implements AutoCloseable {
    /**
     * Where and what to serve.
     *
     * @param host        address to listen on, or null for the configuration's (default 127.0.0.1)
     * @param port        port, 0 for any free one, or null for the configuration's (default 4790)
     * @param onlyStack   the one stack to serve, or null for every stack
     * @param followFiles whether to follow deploys made by other processes (needs the file backend)
     */
    public record Options(String host, Integer port, String onlyStack, boolean followFiles) {
    }

    private final StateSyncServer server;
    private final String token;
    private final Path endpointFile;
    private final FileStateFeed fileFeed;
    private final DeployEventFeed eventFeed;
    private final CreactEngine engine;

    private StateServer(StateSyncServer server, String token, Path endpointFile, FileStateFeed fileFeed,
                        DeployEventFeed eventFeed, CreactEngine engine) {
        this.server = server;
        this.token = token;
        this.endpointFile = endpointFile;
        this.fileFeed = fileFeed;
        this.eventFeed = eventFeed;
        this.engine = engine;
    }

    static StateServer start(Project project, Options options, Consumer<String> warnings) {
        var config = project.config();
        if (!config.sync().enabled()) {
            throw new CreactException("sync-disabled", "state sync is turned off in " + config.source()
                    + " (\"sync\": { \"enabled\": false })", "set it to true to serve the state");
        }
        var backend = project.container().backend();
        if (options.followFiles() && !(backend instanceof FileStateBackend)) {
            throw new CreactException("sync-unsupported", "following deploys of other processes needs the file backend; "
                    + "this project uses the " + backend.type() + " backend",
                    "run the deploys with `creact dev --sync`, or serve from the process that deploys");
        }
        String token = SyncToken.resolve(project.root(), System.getenv());
        var settings = StateSyncServer.Settings.of(config.sync(), token).withAddress(
                options.host() != null ? options.host() : config.sync().host(),
                options.port() != null ? options.port() : config.sync().port());
        FileStateFeed fileFeed = options.followFiles()
                ? new FileStateFeed(project.root(), options.onlyStack(), warnings) : null;
        StateSource source = fileFeed != null ? fileFeed : new BackendStateSource(backend, options.onlyStack());
        StateSyncServer server;
        try {
            server = StateSyncServer.start(settings, source, SensitiveOutputRedaction.INSTANCE);
        } catch (RuntimeException e) {
            if (fileFeed != null) {
                fileFeed.close();
            }
            throw new CreactException("sync-not-started", "cannot start the state sync server: " + rootCause(e),
                    options.port() == null ? "choose another port with --port N (0: any free port)" : null);
        }
        if (fileFeed != null) {
            fileFeed.start(server::publish);
        }
        var eventFeed = new DeployEventFeed(server::publish, stack -> {
            try {
                return backend.readDeployment(stack).orElse(null);
            } catch (RuntimeException e) {
                return null;
            }
        }, options.onlyStack());
        project.engine().addListener(eventFeed);
        Path file = SyncEndpointFile.write(project.root(), server, token);
        return new StateServer(server, token, file, fileFeed, eventFeed, project.engine());
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof java.net.BindException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public String httpUrl() {
        return server.httpUrl();
    }

    public String webSocketUrl() {
        return server.webSocketUrl();
    }

    public String token() {
        return token;
    }

    /** {@code .creact/sync.json}: the URLs and the token, mode 0600. */
    public Path endpointFile() {
        return endpointFile;
    }

    @Override
    public void close() {
        engine.removeListener(eventFeed);
        if (fileFeed != null) {
            fileFeed.close();
        }
        server.close();
    }
}
