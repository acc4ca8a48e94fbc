package dev.creact.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creact.engine.api.Asker;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.DevCycle;
import dev.creact.engine.api.FileWatcher;
import dev.creact.engine.api.StateServer;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.DeployEvent;
import dev.creact.engine.model.Change;
import dev.creact.engine.model.Json;
import dev.creact.engine.model.Plan;
import dev.creact.engine.model.PlanDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

@Command(name = "dev",
        description = {"Hot reload: deploy the stack, then watch the entry, every module it imports and the configuration, "
                + "and after each save deploy only what changed.",
                "Safe changes (updates of props their construct declares safe, such as a file's content) are applied at "
                        + "once; unsafe ones (creates, deletes, replacements, other updates) are shown and asked about first. "
                        + "With --step every change is asked about. A failed deploy is rolled back to what was deployed before "
                        + "the save; a file that does not build waits for the next save. Ctrl-C stops cleanly: a running "
                        + "deploy finishes its current operations, the state is written and the lock released.",
                "With --json, one JSON object per line on stdout: `cycle` after each build (the first is the initial deploy), `watching` when it waits, `stopped` at the end; with --sync first `sync` (the URLs and where the token is)."},
        mixinStandardHelpOptions = true)
final class DevCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions options;

    @Mixin
    DeployOptionsMixin deploy;

    @Option(names = "--step", description = "Ask before every change (apply or skip), safe ones included.")
    boolean step;

    @Option(names = "--sync", description = {"Serve the stack's state live while it runs (state sync: WebSocket, REST and "
            + "Server-Sent Events on 127.0.0.1; the URL and token are printed and written to .creact/sync.json), so a "
            + "dashboard follows each save resource by resource.", "Port and host from the configuration's \"sync\" settings."})
    boolean sync;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "25",
            description = "Wait until files have been quiet this long before rebuilding (default: ${DEFAULT-VALUE}; an editor's save is one write or rename, a tool writing many files may need more).")
    long debounceMs;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile CancellationToken current = new CancellationToken();
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private volatile boolean inputClosed;
    private Terminal term;
    /** Whether this cycle's changes were already shown with a question. */
    private volatile boolean shown;

    @Override
    public Integer call() {
        term = new Terminal(options);
        var root = options.projectRoot();
        var entry = options.entryFile();
        if (!Files.isRegularFile(entry)) {
            term.human.println(term.red("error: ") + "no entry file " + entry + "; pass --entry FILE or run `creact init`");
            return Main.EXIT_ERROR;
        }
        Thread hook = new Thread(() -> {
            stopping = true;
            current.cancel();
            try {
                // Let the loop finish what it is doing (a deploy ends its operations, writes the state and
                // releases the lock) before the JVM goes.
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "creact-dev-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        startReadingAnswers();
        try (var watcher = new FileWatcher()) {
            return loop(watcher, root, entry);
        } catch (IOException e) {
            term.human.println(term.red("error: ") + "cannot watch files: " + e.getMessage());
            return Main.EXIT_ERROR;
        } finally {
            event("stopped", Json.mapper().createObjectNode());
            if (!options.json) {
                term.human.println(stopping ? "creact dev stopped; the lock is released." : "creact dev stopped.");
            }
            stopped.countDown();
            if (!stopping) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /** The project and stack the loop works on; opened again when the configuration changes. */
    private Session session;
    /** The state sync server (--sync), started again with the session. */
    private StateServer syncServer;

    private int loop(FileWatcher watcher, Path root, Path entry) throws IOException {
        try {
            session = Session.open(options);
            startSync();
        } catch (CreactException e) {
            ProblemPrinter.print(term, java.util.List.of(e.problem()));
            if (session != null) {
                session.close();
            }
            return Main.EXIT_ERROR;
        }
        try {
            return watchAndDeploy(watcher, root, entry);
        } finally {
            if (syncServer != null) {
                syncServer.close();
            }
            session.close();
        }
    }

    private void startSync() {
        if (!sync) {
            return;
        }
        if (syncServer != null) {
            syncServer.close();
        }
        syncServer = session.project.serveState(new StateServer.Options(null, null, options.stack, false),
                message -> note("state sync: " + message));
        if (options.json) {
            var o = Json.mapper().createObjectNode();
            o.put("http", syncServer.httpUrl());
            o.put("webSocket", syncServer.webSocketUrl());
            o.put("endpointFile", syncServer.endpointFile().toString());
            event("sync", o);
        } else {
            term.human.println(term.dim("state sync: " + syncServer.httpUrl() + "/v1/stacks, " + syncServer.webSocketUrl()
                    + ", token " + syncServer.token() + " (also in " + root(syncServer.endpointFile()) + ")"));
        }
    }

    private String root(Path p) {
        return session.project.root().relativize(p).toString();
    }

    private int watchAndDeploy(FileWatcher watcher, Path root, Path entry) throws IOException {
        var configFiles = List.of(root.resolve("creact.config.json"), root.resolve("creact.config.ts"),
                root.resolve("creact.config.js"));
        var modules = new LinkedHashSet<Path>();
        if (!options.json) {
            term.human.println(term.bold("creact dev") + ": stack '" + options.stack + "', " + root.relativize(entry)
                    + (step ? ", asking before every change" : "") + term.dim("  (Ctrl-C to stop)"));
        }
        Set<Path> trigger = Set.of();
        // Each save re-renders only the component instances whose code or inputs changed.
        var renderCache = new dev.creact.engine.api.RenderCache();
        while (!stopping) {
            if (!trigger.isEmpty() && trigger.stream().anyMatch(configFiles::contains)) {
                try {
                    var reopened = Session.open(options);
                    session.close();
                    session = reopened;
                    startSync();
                    note("configuration reloaded");
                } catch (CreactException e) {
                    term.human.println(term.red("error: ") + e.getMessage() + "; keeping the previous configuration");
                }
            }
            header(trigger, root);
            current = new CancellationToken();
            shown = false;
            var progress = new ProgressPrinter(term, true);
            var input = deploy.input(options, "creact dev");
            var cycle = session.stack.devCycle(input.withBuild(input.build().withCache(renderCache)), step, new TerminalAsker(),
                    options.json ? DeployEvent.Listener.NONE : progress, current);
            progress.finish();
            report(cycle, trigger, root);
            if (!cycle.modules().isEmpty()) {
                modules.clear();
                cycle.modules().stream().map(p -> p.toAbsolutePath().normalize())
                        .filter(p -> p.startsWith(root) && Files.isRegularFile(p)).forEach(modules::add);
            }
            var watched = new LinkedHashSet<Path>(modules);
            watched.add(entry);
            watched.addAll(configFiles);
            watcher.watch(watched);
            if (stopping) {
                break;
            }
            var files = watcher.watched().stream().filter(Files::exists).map(p -> root.relativize(p).toString()).toList();
            if (options.json) {
                var o = Json.mapper().createObjectNode();
                o.set("files", Json.tree(files));
                event("watching", o);
            } else {
                term.human.println(term.dim("watching " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                        + " for changes…"));
            }
            try {
                trigger = watcher.awaitChange(Duration.ofMillis(debounceMs), () -> stopping);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Main.EXIT_OK;
    }

    private void header(Set<Path> trigger, Path root) {
        if (options.json) {
            return;
        }
        String what = trigger.isEmpty() ? "initial deploy"
                : String.join(", ", trigger.stream().map(p -> root.relativize(p).toString()).toList()) + " changed";
        term.human.println();
        term.human.println(term.dim("[" + LocalTime.now().format(CLOCK) + "]") + " " + term.bold(what));
    }

    private void report(DevCycle cycle, Set<Path> trigger, Path root) {
        if (options.json) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.set("trigger", Json.tree(trigger.stream().map(p -> root.relativize(p).toString()).toList()));
            o.put("outcome", cycle.outcome().name().toLowerCase(java.util.Locale.ROOT));
            o.set("applied", Json.tree(cycle.applied()));
            o.set("held", Json.tree(cycle.held()));
            ObjectNode t = o.putObject("timings");
            t.put("buildMs", cycle.buildMillis());
            t.put("planMs", cycle.planMillis());
            t.put("applyMs", cycle.applyMillis());
            t.put("rollbackMs", cycle.rollbackMillis());
            t.put("totalMs", cycle.totalMillis());
            o.set("plan", cycle.plan() == null ? null : PlanDocument.toJson(cycle.plan()));
            o.set("problems", Json.tree(cycle.problems()));
            event("cycle", o);
            return;
        }
        String timing = term.dim(" in " + cycle.totalMillis() + " ms (build " + cycle.buildMillis() + ", plan "
                + cycle.planMillis() + (cycle.applyMillis() > 0 ? ", deploy " + cycle.applyMillis() : "")
                + (cycle.rollbackMillis() > 0 ? ", rollback " + cycle.rollbackMillis() : "") + ")");
        switch (cycle.outcome()) {
            case NO_CHANGES -> term.human.println("  no changes" + timing);
            case APPLIED -> term.human.println("  " + term.green("✓") + " applied " + count(cycle.applied().size())
                    + timing + held(cycle));
            case SKIPPED -> term.human.println("  nothing applied" + timing + held(cycle));
            case BUILD_FAILED -> {
                ProblemPrinter.print(term, cycle.problems());
                term.human.println("  " + term.yellow("nothing deployed") + "; fix the error and save again");
            }
            case ROLLED_BACK -> {
                ProblemPrinter.print(term, cycle.problems());
                term.human.println("  " + term.red("✗ deploy failed") + "; " + term.green("rolled back")
                        + " to what was deployed before the save" + timing);
            }
            case FAILED -> {
                ProblemPrinter.print(term, cycle.problems());
                term.human.println("  " + term.red("✗ deploy failed and so did the rollback")
                        + "; fix the cause, then save again or run `creact rollback`" + timing);
            }
            case REFUSED -> {
                ProblemPrinter.print(term, cycle.problems());
                term.human.println("  " + term.red("not deployed") + "; watching for the next save");
            }
            case CANCELLED -> term.human.println("  " + term.yellow("stopped") + ": " + count(cycle.applied().size())
                    + " applied before stopping; the state records it");
        }
    }

    private String held(DevCycle cycle) {
        if (cycle.held().isEmpty()) {
            return "";
        }
        var parts = new ArrayList<String>();
        cycle.held().forEach((id, why) -> parts.add(id + (why.equals("not accepted") ? "" : " (" + why + ")")));
        return "\n  " + term.yellow("skipped") + " until the next save: " + String.join(", ", parts);
    }

    private static String count(int n) {
        return n + " change" + (n == 1 ? "" : "s");
    }

    private void note(String message) {
        if (!options.json) {
            term.human.println(term.dim("  " + message));
        }
    }

    private synchronized void event(String name, ObjectNode body) {
        if (!options.json) {
            return;
        }
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("event", name);
        o.put("at", System.currentTimeMillis());
        o.setAll(body);
        term.data.println(Json.write(o));
        term.data.flush();
    }

    /** Answers come from stdin (a terminal, or a pipe in scripts), read on their own thread so Ctrl-C is never stuck. */
    private void startReadingAnswers() {
        Thread.ofPlatform().daemon().name("creact-dev-input").start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(CommandIo.current().in(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // No input: every question is answered no.
            }
            inputClosed = true;
        });
    }

    private boolean ask(String question) {
        if (deploy.autoApprove) {
            term.human.println("  " + question + " yes (--auto-approve)");
            return true;
        }
        term.human.print("  " + term.bold(question) + " [y/N] ");
        term.human.flush();
        while (!stopping) {
            String line;
            try {
                line = answers.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (line != null) {
                String a = line.strip().toLowerCase(java.util.Locale.ROOT);
                if (!term.interactive()) {
                    term.human.println(a);
                }
                return a.equals("y") || a.equals("yes");
            }
            if (inputClosed && answers.isEmpty()) {
                term.human.println("no");
                term.human.println(term.yellow("  skipped: there is no input to answer on; pass --auto-approve to apply "
                        + "unsafe changes without asking"));
                return false;
            }
        }
        term.human.println();
        return false;
    }

    private String line(Change c) {
        var planPrinter = new PlanPrinter(term);
        String props = c.changedPaths().isEmpty() ? "" : " " + String.join(", ", c.changedPaths());
        return planPrinter.colour(c.action(), c.action().symbol()) + " " + c.type() + " " + c.id() + props
                + term.dim(" (" + (c.isSafe() ? "safe" : "unsafe: " + (c.safety() == null ? "?" : c.safety().reason())) + ")");
    }

    /** Asks on the terminal; in --json mode the questions go to stderr like all human output. */
    private final class TerminalAsker implements Asker {
        @Override
        public boolean applyUnsafe(Plan plan, List<Change> unsafe) {
            shown = true;
            for (Change c : plan.changeSet().all()) {
                if (c.isSafe()) {
                    term.human.println("  " + line(c));
                }
            }
            for (Change c : unsafe) {
                term.human.println("  " + line(c));
            }
            return ask("Apply " + count(unsafe.size()).replace("change", "unsafe change") + "?");
        }

        @Override
        public void applying(Plan accepted, java.util.Map<String, String> held) {
            if (!shown) {
                accepted.order().forEach(id -> accepted.changeSet().all().stream()
                        .filter(c -> c.id().equals(id)).findFirst().ifPresent(c -> term.human.println("  " + line(c))));
            }
        }

        @Override
        public boolean applyChange(Plan plan, Change change) {
            shown = true;
            term.human.println("  " + line(change));
            return ask("Apply this change?");
        }
    }
}
