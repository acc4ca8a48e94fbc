package dev.creact.server;

import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.api.BuildInput;
import dev.creact.engine.api.CreactEngine;
import dev.creact.engine.api.CreactException;
import dev.creact.engine.api.PlanResult;
import dev.creact.engine.api.Project;
import dev.creact.engine.api.StateServer;
import dev.creact.engine.model.CancellationToken;
import dev.creact.engine.model.CloudDom;
import dev.creact.engine.model.PlanOptions;
import dev.creact.engine.model.Problem;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The creact language server: owns the engine, the open documents, the stacks being edited and their
 * latest evaluations, and publishes what the editor shows. Requests are answered from the latest
 * evaluation, so the message thread never waits for user code.
 */
public final class CreactLanguageServer implements LanguageServer, LanguageClientAware {
    static final Duration DEBOUNCE = Duration.ofMillis(30);

    private final CreactEngine engine;
    /** Open projects by root: a project's backend stays open while the editor works on it. */
    private final Map<Path, Project> projects = new ConcurrentHashMap<>();
    /** State sync servers of the open projects, while the {@code sync} setting is on. */
    private final Map<Path, StateServer> syncServers = new ConcurrentHashMap<>();
    private final DocumentStore documents = new DocumentStore();
    private final EvaluationScheduler<Path> scheduler;
    /** A pause in typing this long hands the heap the evaluations grew back to the system. */
    private static final Duration IDLE_HEAP_RELEASE = Duration.ofSeconds(1);
    private final IdleHeapRelease heapRelease = new IdleHeapRelease();
    private final Map<Path, StackSession> sessions = new ConcurrentHashMap<>();
    /** Deploy progress shown in the editor, by token: {@code window/workDoneProgress/cancel} looks here. */
    private final Map<String, DeployProgress> progress = new ConcurrentHashMap<>();
    /** What the client was last sent, so that only changed diagnostics are published. */
    private final DiagnosticsPublisher publisher = new DiagnosticsPublisher();
    private final Object publishLock = new Object();
    private final CreactTextDocumentService textDocuments = new CreactTextDocumentService(this);
    private final CreactWorkspaceService workspace = new CreactWorkspaceService(this);
    private final Commands commands = new Commands(this);
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private volatile LanguageClient client;
    private volatile ServerSettings settings = ServerSettings.DEFAULTS;
    private volatile Path workspaceRoot = Path.of("").toAbsolutePath();
    private volatile boolean clientCreatesProgress;

    public CreactLanguageServer() {
        this.engine = new CreactEngine();
        this.scheduler = new EvaluationScheduler<>(DEBOUNCE, t -> logError("evaluation failed", t));
        scheduler.whenIdle(IDLE_HEAP_RELEASE, heapRelease);
    }

    @Override
    public void connect(LanguageClient languageClient) {
        this.client = languageClient;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
            workspaceRoot = DocumentStore.path(params.getWorkspaceFolders().getFirst().getUri());
        } else if (rootUri(params) != null) {
            workspaceRoot = DocumentStore.path(rootUri(params));
        }
        settings = settings.merge(params.getInitializationOptions());
        if (ServerSettings.devModeRequested(params.getInitializationOptions())) {
            commands.devMode().set(true); // switching on deploys nothing; the next save does
        }
        var caps = params.getCapabilities();
        clientCreatesProgress = caps != null && caps.getWindow() != null
                && Boolean.TRUE.equals(caps.getWindow().getWorkDoneProgress());
        clientRefreshesLenses = caps != null && caps.getWorkspace() != null && caps.getWorkspace().getCodeLens() != null
                && Boolean.TRUE.equals(caps.getWorkspace().getCodeLens().getRefreshSupport());

        var capabilities = new ServerCapabilities();
        var sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        capabilities.setTextDocumentSync(sync);
        capabilities.setHoverProvider(true);
        capabilities.setCodeLensProvider(new CodeLensOptions(false));
        capabilities.setExecuteCommandProvider(new ExecuteCommandOptions(Commands.ALL));
        String version = CreactLanguageServer.class.getPackage().getImplementationVersion();
        Thread.ofPlatform().daemon().name("creact-warmup").stackSize(16L << 20).start(this::warmUp);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities,
                new ServerInfo("creact", version == null ? "development build" : version)));
    }

    @SuppressWarnings("deprecation")
    private static String rootUri(InitializeParams params) {
        if (params.getRootUri() != null) {
            return params.getRootUri();
        }
        return params.getRootPath() == null ? null : Path.of(params.getRootPath()).toUri().toString();
    }

    @Override
    public void initialized(InitializedParams params) {
        reevaluateAll();
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown.set(true);
        scheduler.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(shutdown.get() ? 0 : 1);
    }

    /** Completes with the exit code once the client sent {@code exit}. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    // --- state shared by the services

    CreactEngine engine() {
        return engine;
    }

    DocumentStore documents() {
        return documents;
    }

    LanguageClient client() {
        return client;
    }

    ServerSettings settings() {
        return settings;
    }

    Commands commands() {
        return commands;
    }

    /** Starts a deploy's {@code $/progress}, cancellable from the editor; {@code clientToken} may be null. */
    DeployProgress beginProgress(Either<String, Integer> clientToken, String title) {
        return DeployProgress.begin(client, clientToken, clientCreatesProgress, title, progress);
    }

    @Override
    public void cancelProgress(WorkDoneProgressCancelParams params) {
        var running = params.getToken() == null ? null : progress.get(DeployProgress.key(params.getToken()));
        if (running != null) {
            running.cancel();
        }
    }

    void updateSettings(Object json) {
        var old = settings;
        settings = settings.merge(json);
        if (!settings.entry().equals(old.entry()) || !settings.stack().equals(old.stack())
                || !java.util.Objects.equals(settings.configPath(), old.configPath())) {
            // another stack: start afresh (the next publish clears what the old one showed)
            sessions.keySet().forEach(scheduler::cancel);
            sessions.clear();
            reevaluateAll();
        } else if (settings.evalTimeoutMs() != old.evalTimeoutMs()) {
            reevaluateAll();
        }
        if (settings.sync() != old.sync()) {
            projects.forEach(this::syncFor);
        }
    }

    /** The configured entry, absolute. */
    Path configuredEntry() {
        return workspaceRoot.resolve(settings.entry()).toAbsolutePath().normalize();
    }

    /** The session of {@code entry}, made on first use. */
    StackSession session(Path entry) {
        return sessions.computeIfAbsent(entry, e -> {
            Path root = StackSession.projectRoot(workspaceRoot, e, settings.configPath());
            try {
                var project = projects.computeIfAbsent(root, engine::open);
                syncFor(root, project);
                return new StackSession(e, root, settings.stack(), project.stack(settings.stack()), List.of());
            } catch (CreactException ex) {
                return new StackSession(e, root, settings.stack(), null, List.of(ex.problem()));
            }
        });
    }

    /** Starts or stops the state sync server of a project as the {@code sync} setting says. */
    private void syncFor(Path root, Project project) {
        if (settings.sync() && !syncServers.containsKey(root)) {
            try {
                var server = project.serveState(new StateServer.Options(null, null, null, false),
                        message -> log(MessageType.Warning, "creact state sync: " + message));
                syncServers.put(root, server);
                log(MessageType.Info, "creact state sync: " + server.httpUrl() + "/v1/stacks and " + server.webSocketUrl()
                        + " (the token is in " + server.endpointFile() + ")");
            } catch (CreactException e) {
                log(MessageType.Warning, "creact state sync not started: " + e.getMessage());
            }
        } else if (!settings.sync()) {
            var running = syncServers.remove(root);
            if (running != null) {
                running.close();
            }
        }
    }

    /** Forgets the open projects (their configuration changed): the next evaluation opens them again. */
    void reopenProjects() {
        syncServers.values().forEach(StateServer::close);
        syncServers.clear();
        var old = List.copyOf(projects.values());
        projects.clear();
        sessions.keySet().forEach(scheduler::cancel);
        sessions.clear();
        old.forEach(Project::close);
        reevaluateAll();
    }

    /** The session a command names by its entry URI, else the configured entry's. */
    StackSession sessionFor(String entryUri) {
        if (entryUri != null) {
            Path p = DocumentStore.path(entryUri);
            var s = sessions.get(p);
            if (s != null) {
                return s;
            }
            for (var candidate : sessions.values()) {
                if (candidate.dependsOn(p) && !candidate.root().equals(workspaceRoot)) {
                    return candidate;
                }
            }
        }
        return session(configuredEntry());
    }

    List<StackSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Whether {@code file} is an entry: the configured one, or one with the entry's file name. */
    boolean isEntry(Path file) {
        Path configured = configuredEntry();
        return file.equals(configured) || file.getFileName().equals(configured.getFileName());
    }

    /** A file changed (typed, opened, saved or closed): re-evaluate every stack that loads it. */
    void fileChanged(Path file) {
        fileChanged(file, Set.of());
    }

    /**
     * As {@link #fileChanged(Path)}, except for the stacks in {@code deploying}: a dev-mode cycle for them is
     * queued and evaluates when it ends, so their pending evaluation (of the edits before the save) is dropped.
     */
    void fileChanged(Path file, Set<StackSession> deploying) {
        if (isConfig(file) && projects.containsKey(file.getParent())) {
            // A project's configuration changed: open it again (backend, providers, settings) and evaluate anew.
            reopenProjects();
            return;
        }
        if (isEntry(file)) {
            session(file);
        } else if (sessions.isEmpty()) {
            session(configuredEntry());
        }
        for (var s : sessions.values()) {
            if (deploying.contains(s)) {
                scheduler.cancel(s.entry());
            } else if (s.dependsOn(file)) {
                schedule(s);
            }
        }
    }

    private static boolean isConfig(Path file) {
        String name = file.getFileName().toString();
        return name.equals("creact.config.json") || name.equals("creact.config.ts") || name.equals("creact.config.js");
    }

    void reevaluateAll() {
        session(configuredEntry());
        sessions.values().forEach(this::schedule);
    }

    private void schedule(StackSession s) {
        scheduler.schedule(s.entry(), token -> evaluate(s, token));
    }

    /** What to evaluate for {@code s}: its entry with the editor's unsaved contents, and the time limit. */
    BuildInput buildInput(StackSession s) {
        return new BuildInput(s.entry(), documents.overlays(), Duration.ofMillis(settings.evalTimeoutMs()), s.renderCache());
    }

    /** Plans the stack with the editor's contents; runs on a worker thread. */
    PlanResult plan(StackSession s, CancellationToken token) {
        return s.engineStack().plan(buildInput(s), PlanOptions.NONE, token);
    }

    private void evaluate(StackSession s, CancellationToken token) {
        heapRelease.evaluated();
        PlanResult result = null;
        CloudDom deployed = CloudDom.empty(s.stack());
        List<Problem> problems = s.openProblems();
        var snapshot = documents.snapshot();
        if (s.engineStack() != null) {
            var state = s.deployedState();
            if (state.cloudDom() != null) {
                deployed = state.cloudDom();
            }
            result = s.engineStack().plan(new BuildInput(s.entry(), snapshot.overlays(),
                    Duration.ofMillis(settings.evalTimeoutMs()), s.renderCache()), PlanOptions.NONE, token);
        }
        synchronized (publishLock) {
            if (token.isCancelled()) {
                return;
            }
            s.evaluatedVersions(snapshot.versions());
            if (result == null) {
                s.update(problems);
            } else {
                s.update(result, deployed);
            }
            publishAll();
        }
    }

    private volatile boolean clientRefreshesLenses;

    /**
     * Publishes the diagnostics of every stack (a file loaded by two stacks gets both), and clears the rest;
     * a file whose diagnostics and version did not change is not sent again.
     */
    void publishAll() {
        synchronized (publishLock) {
            var all = new HashMap<Path, List<Diagnostic>>();
            var versions = new HashMap<Path, Integer>();
            for (var s : sessions.values()) {
                versions.putAll(s.evaluatedVersions());
                var e = s.evaluation();
                if (e != null) {
                    DiagnosticsBuilder.build(e, documents::text).forEach((file, list) ->
                            all.computeIfAbsent(file, f -> new ArrayList<>()).addAll(list));
                }
            }
            var c = client;
            if (c == null) {
                return;
            }
            publisher.publish(all, versions, c::publishDiagnostics);
            if (clientRefreshesLenses) {
                // Lenses depend on the evaluation; clients ask for them when a file opens, which may be
                // before the first evaluation has finished.
                c.refreshCodeLenses();
            }
        }
    }

    /**
     * Evaluates the stack once now (after a deploy) and publishes. An evaluation still waiting or running
     * was started before the deploy wrote its state, so it is cancelled: it must not publish after this one.
     */
    void evaluateNow(StackSession s) {
        scheduler.cancel(s.entry());
        evaluate(s, new CancellationToken());
    }

    /** One throw-away build of a tiny in-memory project, so the first real evaluation finds the JS engine warm. */
    private void warmUp() {
        Path dir = null;
        try {
            dir = java.nio.file.Files.createTempDirectory("creact-warmup");
            Path entry = dir.resolve("infrastructure.tsx");
            String source = """
                    import { useInstance } from "creact";
                    import { LocalFile } from "creact/local";
                    export default function App() {
                      useInstance(LocalFile, { key: "warm", path: "out/warm.txt", content: `${1 + 1}` });
                      return <></>;
                    }
                    """;
            try (var project = engine.open(dir)) {
                project.stack("warmup").plan(new BuildInput(entry, Map.of(entry, source), null), PlanOptions.NONE,
                        CancellationToken.NONE);
            }
        } catch (Throwable t) {
            logError("warm-up failed (evaluations still work, the first one is slower)", t);
        } finally {
            if (dir != null) {
                try {
                    java.nio.file.Files.deleteIfExists(dir);
                } catch (java.io.IOException ignored) {
                    // a temp folder left behind is harmless
                }
            }
        }
    }

    void log(MessageType type, String message) {
        var c = client;
        if (c != null) {
            c.logMessage(new MessageParams(type, message));
        } else {
            System.err.println("creact lsp: " + message);
        }
    }

    /** Never silent: the error and its stack trace go to the client's log (and stderr). */
    void logError(String what, Throwable t) {
        var trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        System.err.println("creact lsp: " + what + ": " + trace);
        var c = client;
        if (c != null) {
            c.logMessage(new MessageParams(MessageType.Error, "creact: " + what + ": " + trace));
        }
    }

    void close() {
        scheduler.close();
        // A deploy the user started finishes even if the editor closes: its lock is released and its state
        // written by the deployment itself. Only a deploy that runs past the limit is cut off (and can be
        // resumed with `creact resume`).
        commands.awaitDeploy(java.time.Duration.ofMinutes(10));
        syncServers.values().forEach(StateServer::close);
        projects.values().forEach(Project::close);
        engine.close();
    }
}
