package dev.creact.cli;

import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.StateServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
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
    @Mixin
    GlobalOptions options;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on (default: sync.host, else 127.0.0.1: only this machine).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on; 0 picks a free one (default: sync.port, else 4790).")
    Integer port;

    @Override
    public Integer call() {
        var term = new Terminal(options);
        var out = term.data;
        // --stack here narrows what is served; without it every stack is.
        String onlyStack = options.stack;
        Session session;
        try {
            session = Session.open(options, false);
        } catch (CreactException e) {
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        StateServer server;
        try {
            server = session.project.serveState(new StateServer.Options(host, port, onlyStack, true),
                    message -> term.human.println("creact serve: warning: " + message));
        } catch (CreactException e) {
            session.close();
            return JsonFailure.report(term, options, List.of(e.problem()));
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            session.close();
            stopped.countDown();
        }, "creact-serve-stop"));
        Path root = session.project.root();
        out.println("creact serve: state sync for " + (onlyStack == null ? "every stack" : "stack '" + onlyStack + "'") + " of " + root);
        out.println("  REST       " + server.httpUrl() + "/v1/stacks");
        out.println("  WebSocket  " + server.webSocketUrl());
        out.println("  token      " + server.token());
        out.println("  (url and token are in " + root.relativize(server.endpointFile()) + ", readable only by you)  Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.EXIT_OK;
    }
}
