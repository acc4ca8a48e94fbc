package dev.creact.cli;

import dev.creact.engine.CreactEngine;
import dev.creact.engine.config.CreactConfig;
import dev.creact.engine.model.Json;
import dev.creact.engine.sync.FileStateFeed;
import dev.creact.engine.sync.OutputRedaction;
import dev.creact.engine.sync.StateSyncServer;
import dev.creact.engine.sync.SyncEndpointFile;
import dev.creact.engine.sync.SyncToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the project's deployed state live to dashboards and apps (state sync): WebSocket, "
                + "REST and Server-Sent Events, following every change that deploys in other terminals make, "
                + "resource by resource.",
                "Listens on 127.0.0.1 unless told otherwise; every client needs the token printed at start "
                        + "(also in .creact/sync.json, readable only by you; set CREACT_SYNC_TOKEN to choose it). "
                        + "Protocol: docs/state-sync.md."},
        footer = {"", "Settings: \"sync\": { \"host\", \"port\", \"allowedOrigins\", \"enabled\" } in creact.config.json; "
                + "the options here override them."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--project", paramLabel = "DIR",
            description = "Project root (its state is DIR/.creact). Default: the nearest folder from here up that holds "
                    + "creact.config.json or creact.config.js, else the current folder.")
    Path project;

    @Option(names = "--stack", paramLabel = "NAME", description = "Serve only this stack (default: every stack).")
    String stack;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: sync.host, else 127.0.0.1: only this machine).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: sync.port, else 4790).")
    Integer port;

    @Override
    public Integer call() {
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Path root = projectRoot();
        CreactConfig config;
        try {
            config = loadConfig(root);
        } catch (RuntimeException e) {
            err.println("creact serve: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
        if (!config.sync().enabled()) {
            err.println("creact serve: state sync is turned off in " + config.source()
                    + " (\"sync\": { \"enabled\": false }); set it to true to serve the state.");
            return Main.EXIT_ERROR;
        }
        StateSyncServer server;
        FileStateFeed feed;
        String token;
        try {
            token = SyncToken.resolve(root, System.getenv());
            var settings = StateSyncServer.Settings.of(config.sync(), token)
                    .withAddress(host != null ? host : config.sync().host(), port != null ? port : config.sync().port());
            feed = new FileStateFeed(root, stack, message -> err.println("creact serve: warning: " + message));
            server = StateSyncServer.start(settings, feed, OutputRedaction.NONE);
        } catch (RuntimeException e) {
            err.println("creact serve: cannot start: " + describe(e)
                    + (port == null ? "; choose another port with --port N (0: any free port)" : ""));
            return Main.EXIT_ERROR;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            server.close();
            stopped.countDown();
        }, "creact-serve-stop"));
        feed.start(server::publish);
        Path file = SyncEndpointFile.write(root, server, token);
        out.println("creact serve: state sync for " + (stack == null ? "every stack" : "stack '" + stack + "'") + " of " + root);
        out.println("  REST       " + server.httpUrl() + "/v1/stacks");
        out.println("  WebSocket  " + server.webSocketUrl());
        out.println("  token      " + token);
        out.println("  (url and token are in " + root.relativize(file) + ", readable only by you)  Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.EXIT_OK;
    }

    private Path projectRoot() {
        if (project != null) {
            return project.toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("creact.config.json")) || Files.exists(d.resolve("creact.config.js"))) {
                return d;
            }
        }
        return here;
    }

    /** creact.config.json is read directly; only creact.config.js needs the engine (its sandbox). */
    private static CreactConfig loadConfig(Path root) {
        Path json = root.resolve("creact.config.json");
        if (Files.exists(json)) {
            try {
                return CreactConfig.fromJson(json, Json.mapper().readTree(Files.readString(json)));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read " + json + ": " + e.getMessage(), e);
            }
        }
        if (!Files.exists(root.resolve("creact.config.js"))) {
            return CreactConfig.defaults();
        }
        try (var engine = new CreactEngine()) {
            return engine.loadConfig(root);
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || t.getCause() == null) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }
}
