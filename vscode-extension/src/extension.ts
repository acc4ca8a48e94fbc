// The creact extension: starts `creact lsp` (the language server in creact.jar) for the workspace and adds
// palette commands and a status-bar item with the plan summary. Diagnostics, code lenses and hovers come
// from the server unchanged.

import * as cp from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  CodeLensRequest,
  ExecuteCommandRequest,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

// Command ids.
//
// The server advertises `creact.plan`, `creact.deploy` and `creact.dev` (executeCommandProvider), and its
// code lenses use `creact.plan` and `creact.deploy`. vscode-languageclient's ExecuteCommandFeature registers
// every advertised id as a VS Code command that forwards to `workspace/executeCommand`; that registration
// is what makes the lenses clickable, so it stays on. Registering our own commands under the same ids
// would fail ("command already exists") whenever the client starts, and the server-side ones only exist
// while the server runs. So:
// - the palette commands have ids of their own (`creact.palette.plan`, `creact.palette.deploy`,
//   `creact.toggleDev`), registered at activation, so they work (and explain what is wrong) even when the
//   server could not start;
// - the server-side ids are not contributed to the palette, and the client's `executeCommand` middleware
//   gives lens clicks the same behaviour as the palette: Plan shows the summary, Deploy asks first.
const SERVER_PLAN = "creact.plan";
const SERVER_DEPLOY = "creact.deploy";
const SERVER_DEV = "creact.dev";
const PALETTE_PLAN = "creact.palette.plan";
const PALETTE_DEPLOY = "creact.palette.deploy";
const TOGGLE_DEV = "creact.toggleDev";
const RESTART = "creact.restartServer";

const MIN_JAVA = 25;
const TEMURIN_URL = "https://adoptium.net/temurin/releases/?version=25";
// The launch rule (Java, jar, command line) is the one written out in launcher/README.md, which bin/creact and
// the IntelliJ plugin follow too; LaunchRuleAgreementTest checks that these lists match the launcher's.
// The options of a long-lived `creact lsp`, as bin/creact uses: C2 stays on (the server re-evaluates on every
// keystroke), and G1 with a bounded heap hands idle memory back.
const JVM_OPTIONS = [
  "--enable-native-access=ALL-UNNAMED",
  "--sun-misc-unsafe-memory-access=allow",
  "-Xss16m",
  "-XX:+UseG1GC",
  "-Xmx1g",
  "-XX:G1PeriodicGCInterval=30000",
];
// Where a JDK 25 usually lives, tried after JAVA_HOME and the PATH (the same list as scripts/java-env.sh). A `*`
// or `[6-9]` matches within one folder name; matches are tried in name order.
const JDK_FOLDERS = [
  "/usr/lib/jvm/temurin-25*",
  "/usr/lib/jvm/java-25*",
  "/usr/lib/jvm/jdk-25*",
  "/usr/lib/jvm/temurin-2[6-9]*",
  "/opt/java/openjdk",
  "/opt/jdk-25*",
  "~/.sdkman/candidates/java/25*",
  "/Library/Java/JavaVirtualMachines/*25*/Contents/Home",
];
const STATUS_DEBOUNCE_MS = 600;
const LENS_DEBOUNCE_MS = 150;

interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  unchanged: number;
}

interface PlanChange {
  id: string;
  type?: string;
  action: string;
  changedPaths?: string[];
  source?: { file?: string; line?: number; column?: number } | null;
}

interface PlanDocument {
  stack?: string;
  summary: PlanSummary;
  changes?: PlanChange[];
}

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let devMode = false;
let lastSummary: PlanSummary | undefined;
let refreshTimer: NodeJS.Timeout | undefined;
let lensTimer: NodeJS.Timeout | undefined;
let refreshRunning = false;
let refreshAgain: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("creact");
  status = vscode.window.createStatusBarItem("creact.plan", vscode.StatusBarAlignment.Left, 10);
  status.name = "creact plan";
  status.command = PALETTE_PLAN;
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand(PALETTE_PLAN, () => runPlan(activeEntryArgs())),
    vscode.commands.registerCommand(PALETTE_DEPLOY, () => runDeploy(activeEntryArgs())),
    vscode.commands.registerCommand(TOGGLE_DEV, () => runToggleDev(activeEntryArgs())),
    vscode.commands.registerCommand(RESTART, () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The stack, entry, configPath and evalTimeoutMs reach the running server through
      // synchronize.configurationSection; how it is started needs a new server.
      if (e.affectsConfiguration("creact.javaPath") || e.affectsConfiguration("creact.jarPath")) {
        void restart();
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}

// ---------------------------------------------------------------------------------------------------------
// Starting the server

async function start(): Promise<void> {
  const server = await serverExecutable();
  if (!server) {
    setStatus("$(warning) creact: not running", "The creact language server is not running; see the creact output.", "workbench.action.openSettings", ["creact."]);
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const clientOptions: LanguageClientOptions = {
    // The entry and everything it imports; the server evaluates unsaved edits too.
    documentSelector: [
      { scheme: "file", language: "typescriptreact" },
      { scheme: "file", language: "typescript" },
      { scheme: "file", language: "javascriptreact" },
      { scheme: "file", language: "javascript" },
      // Stacks import JSON (settings, data): the server needs their unsaved contents, and in dev mode
      // their saves. Files no stack loads are ignored by the server.
      { scheme: "file", language: "json" },
      { scheme: "file", language: "jsonc" },
    ],
    initializationOptions: serverSettings(),
    // Sends `workspace/didChangeConfiguration` with `{ creact: {...} }` whenever a `creact.*` setting
    // changes; the server reads its settings flat or under `creact` and ignores javaPath/jarPath.
    synchronize: { configurationSection: "creact" },
    outputChannel: output,
    middleware: {
      // Lens clicks (and anything else running the server-side ids) get the palette behaviour. The request
      // is sent by runPlan & co. rather than `next`, whose failure handling would add a second, generic
      // "Request workspace/executeCommand failed" notification to ours.
      executeCommand: async (command, args, next) => {
        switch (command) {
          case SERVER_PLAN:
            return runPlan(args);
          case SERVER_DEPLOY:
            return runDeploy(args);
          case SERVER_DEV:
            return runToggleDev(args);
          default:
            return next(command, args);
        }
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, diagnostics);
        scheduleLensRefresh();
        if (isEntry(uri)) {
          scheduleStatusRefresh(uri.toString());
        }
      },
    },
  };
  const serverOptions: ServerOptions = {
    ...server,
    transport: TransportKind.stdio, // adds `--stdio`, which `creact lsp` accepts
    options: { cwd: folder?.uri.fsPath, env: server.options?.env },
  };
  client = new LanguageClient("creact", "creact language server", serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      setStatus("$(warning) creact: stopped", "The creact language server stopped; click to restart it.", RESTART);
    } else if (e.newState === State.Running && e.oldState === State.Starting && lastSummary === undefined) {
      firstRefresh(); // also after the client restarted a crashed server by itself
    }
  });
  setStatus("$(sync~spin) creact", "Starting the creact language server…", PALETTE_PLAN);
  devMode = false;
  lastSummary = undefined;
  try {
    await client.start();
    setStatus("$(cloud) creact", "creact: no plan yet; open the entry or click to plan.", PALETTE_PLAN);
    firstRefresh();
  } catch (e) {
    output.appendLine(`creact: the language server did not start: ${message(e)}`);
    void vscode.window.showErrorMessage(`creact: the language server did not start: ${message(e)}`, "Show Output")
      .then((choice) => choice && output.show());
    setStatus("$(warning) creact: not running", "The creact language server did not start; click to restart it.", RESTART);
  }
}

/** A first summary without waiting for an editor, when the configured entry is where the server looks. */
function firstRefresh(): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const entry = vscode.workspace.getConfiguration("creact").get<string>("entry") || "infrastructure.tsx";
  if (folder?.uri.scheme === "file" && isFile(path.resolve(folder.uri.fsPath, entry))) {
    scheduleStatusRefresh(undefined);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (refreshTimer) {
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
  }
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop();
    } catch {
      // already gone
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function serverSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration("creact");
  const settings: Record<string, unknown> = {
    stack: c.get<string>("stack") || "dev",
    entry: c.get<string>("entry") || "infrastructure.tsx",
    evalTimeoutMs: c.get<number>("evalTimeoutMs") ?? 5000,
  };
  const configPath = c.get<string>("configPath");
  if (configPath) {
    settings.configPath = configPath;
  }
  return settings;
}

/**
 * How to run the server: `java <options> -jar <jar> lsp` with a Java 25 (checked here), or the `creact`
 * launcher on the PATH (which finds a JDK 25 itself). Undefined, after telling the user why, when neither works.
 */
async function serverExecutable(): Promise<Executable | undefined> {
  const c = vscode.workspace.getConfiguration("creact");
  const jar = findJar(c.get<string>("jarPath") || "");
  if (jar === null) {
    return undefined;
  }
  const configuredJava = c.get<string>("javaPath") || "";
  if (jar === undefined) {
    const launcher = onPath(process.platform === "win32" ? ["creact.cmd", "creact.bat", "creact.exe"] : ["creact"]);
    if (!launcher) {
      showSetupError(
        "creact: cannot find creact.jar. Set `creact.jarPath` to it (build it with `bin/creact --version` or " +
          "`mvn -pl cli -am package`, which makes cli/target/creact.jar), or put the `creact` command on the PATH.",
        "creact.jarPath",
      );
      return undefined;
    }
    const env = { ...process.env };
    if (configuredJava) {
      env.JAVA_HOME = path.dirname(path.dirname(resolvePath(configuredJava)));
    }
    output.appendLine(`creact: starting ${launcher} lsp`);
    return { command: launcher, args: ["lsp"], options: { env } };
  }

  const java = await findJava(configuredJava);
  if (!java) {
    return undefined;
  }
  output.appendLine(`creact: starting ${java} (Java ${MIN_JAVA}+) -jar ${jar} lsp`);
  return { command: java, args: [...JVM_OPTIONS, "-jar", jar, "lsp"] };
}

/** The jar: the setting, else cli/target/creact.jar in (or above) a workspace folder; null when the setting is wrong. */
function findJar(configured: string): string | undefined | null {
  if (configured) {
    const jar = resolvePath(configured);
    if (!isFile(jar)) {
      showSetupError(`creact: \`creact.jarPath\` is ${configured}, which is not a file. Point it at creact.jar.`, "creact.jarPath");
      return null;
    }
    return jar;
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== "file") {
      continue;
    }
    // Walk up, so that opening examples/hello of a creact checkout finds the checkout's jar.
    for (let dir = folder.uri.fsPath; ; dir = path.dirname(dir)) {
      const jar = path.join(dir, "cli", "target", "creact.jar");
      if (isFile(jar)) {
        return jar;
      }
      if (path.dirname(dir) === dir) {
        break;
      }
    }
  }
  return undefined;
}

/**
 * A Java 25 or newer: the setting (the only candidate when set), else $JAVA_HOME/bin/java, else `java` on the
 * PATH, else the usual JDK folders. Undefined, after an error message naming `creact.javaPath`, when none is.
 */
async function findJava(configured: string): Promise<string | undefined> {
  const exe = process.platform === "win32" ? "java.exe" : "java";
  const candidates: string[] = [];
  if (configured) {
    candidates.push(resolvePath(configured));
  } else {
    if (process.env.JAVA_HOME) {
      candidates.push(path.join(process.env.JAVA_HOME, "bin", exe));
    }
    const onPathJava = onPath([exe]);
    if (onPathJava) {
      candidates.push(onPathJava);
    }
    if (process.platform !== "win32") {
      for (const home of jdkFolders()) {
        const java = path.join(home, "bin", "java");
        if (isFile(java) && !candidates.includes(java)) {
          candidates.push(java);
        }
      }
    }
  }
  const found: string[] = [];
  for (const candidate of candidates) {
    const major = await javaMajor(candidate);
    if (major !== undefined && major >= MIN_JAVA) {
      return candidate;
    }
    found.push(major === undefined ? `${candidate} (does not run)` : `${candidate} (Java ${major})`);
  }
  const what = found.length
    ? `Found only ${found.join(", ")}.`
    : "No Java was found ($JAVA_HOME is not set, there is no `java` on the PATH, and none in the usual JDK folders).";
  showSetupError(
    `creact: the language server needs Java ${MIN_JAVA} or newer. ${what} Install Temurin ${MIN_JAVA} ` +
      `(${TEMURIN_URL}) and set \`creact.javaPath\` to its bin/java (or set JAVA_HOME), then run "creact: Restart language server".`,
    "creact.javaPath",
  );
  return undefined;
}

/** The major version `java -version` reports (1.8 counts as 8), or undefined when it does not run. */
function javaMajor(java: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    cp.execFile(java, ["-version"], { timeout: 15000, windowsHide: true }, (error, stdout, stderr) => {
      const text = `${stderr}\n${stdout}`;
      const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(text);
      if (!m) {
        if (error) {
          output.appendLine(`creact: ${java} -version failed: ${error.message}`);
        }
        resolve(undefined);
        return;
      }
      const first = Number(m[1]);
      resolve(first === 1 && m[2] !== undefined ? Number(m[2]) : first);
    });
  });
}

function showSetupError(text: string, setting: string): void {
  output.appendLine(text);
  const actions = setting === "creact.javaPath" ? ["Open Settings", "Get Temurin 25"] : ["Open Settings"];
  void vscode.window.showErrorMessage(text, ...actions).then((choice) => {
    if (choice === "Open Settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", setting);
    } else if (choice === "Get Temurin 25") {
      void vscode.env.openExternal(vscode.Uri.parse(TEMURIN_URL));
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Commands

/** Runs `creact.plan` and shows the summary (status bar, notification, the plan in the output channel). */
async function runPlan(args: unknown[]): Promise<unknown> {
  const c = runningClient();
  if (!c) {
    return undefined;
  }
  try {
    const doc = (await execute(c, SERVER_PLAN, args)) as PlanDocument | undefined;
    if (!doc || !doc.summary) {
      return doc;
    }
    showSummary(doc.summary);
    printPlan(doc);
    void vscode.window
      .showInformationMessage(`creact plan (${doc.stack ?? stackSetting()}): ${describe(doc.summary)}.`, "Show Details")
      .then((choice) => choice && output.show(true));
    return doc;
  } catch (e) {
    output.appendLine(`creact plan failed: ${message(e)}`);
    setStatus("$(error) creact: errors", `No plan: ${message(e)}`, PALETTE_PLAN);
    void vscode.window.showErrorMessage(`creact: ${message(e)}`, "Show Output").then((choice) => choice && output.show(true));
    return undefined;
  }
}

/** Asks (modal), then runs `creact.deploy`; the server reports progress and failures itself. */
async function runDeploy(args: unknown[]): Promise<unknown> {
  const c = runningClient();
  if (!c) {
    return undefined;
  }
  const stack = stackSetting();
  const detail = lastSummary
    ? `The current plan: ${describe(lastSummary)}.`
    : "Run \"creact: Plan\" first to see what will change.";
  const choice = await vscode.window.showWarningMessage(
    `Deploy stack '${stack}'?`,
    { modal: true, detail: `${detail}\nThis changes real resources.` },
    "Deploy",
  );
  if (choice !== "Deploy") {
    return undefined;
  }
  try {
    const result = (await execute(c, SERVER_DEPLOY, args)) as Record<string, unknown> | undefined;
    output.appendLine(`creact deploy (${stack}): ${JSON.stringify(result)}`);
    const outcome = typeof result?.outcome === "string" ? result.outcome : "done";
    if (outcome === "deployed" || outcome === "no_changes") {
      void vscode.window.showInformationMessage(
        outcome === "no_changes" ? `creact deploy (${stack}): no changes.` : `creact deploy (${stack}): done, state serial ${result?.serial}.`,
      );
    }
    scheduleStatusRefresh(undefined);
    return result;
  } catch (e) {
    // The server has shown its own message for failed deploys; this covers refusals and transport errors.
    output.appendLine(`creact deploy failed: ${message(e)}`);
    void vscode.window.showErrorMessage(`creact deploy: ${message(e)}`);
    return undefined;
  }
}

/** Runs `creact.dev` (the server toggles and answers the new state) and shows it. */
async function runToggleDev(args: unknown[]): Promise<unknown> {
  const c = runningClient();
  if (!c) {
    return undefined;
  }
  try {
    const on = await execute(c, SERVER_DEV, args);
    devMode = on === true;
    void vscode.window.showInformationMessage(
      devMode ? `creact: dev mode on: stack '${stackSetting()}' deploys on every save.` : "creact: dev mode off.",
    );
    if (lastSummary) {
      showSummary(lastSummary);
    }
    return on;
  } catch (e) {
    void vscode.window.showErrorMessage(`creact: ${message(e)}`);
    return undefined;
  }
}

function execute(c: LanguageClient, command: string, args: unknown[]): Promise<unknown> {
  return c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

function runningClient(): LanguageClient | undefined {
  if (client && client.state === State.Running) {
    return client;
  }
  void vscode.window
    .showErrorMessage("creact: the language server is not running; see the creact output.", "Show Output", "Restart")
    .then((choice) => {
      if (choice === "Show Output") {
        output.show();
      } else if (choice === "Restart") {
        void vscode.commands.executeCommand(RESTART);
      }
    });
  return undefined;
}

/** The active editor's file as the commands' optional argument; the server maps it to its stack (or uses the entry). */
function activeEntryArgs(): unknown[] {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.uri.scheme === "file" && /\.(tsx|ts|jsx|js)$/.test(doc.uri.fsPath)) {
    return [doc.uri.toString()];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------
// Status bar

function isEntry(uri: vscode.Uri): boolean {
  const entry = vscode.workspace.getConfiguration("creact").get<string>("entry") || "infrastructure.tsx";
  return uri.scheme === "file" && path.basename(uri.fsPath) === path.basename(entry);
}

/**
 * Asks VS Code for the lenses again. The server publishes diagnostics after every evaluation but sends no
 * `workspace/codeLens/refresh`, and VS Code asks for lenses only when a document opens or changes (usually
 * before that evaluation is done), so without this the lenses would lag one edit behind, or never show
 * on a freshly opened entry. Diagnostics come in one batch per evaluation, hence the short debounce.
 */
function scheduleLensRefresh(): void {
  if (lensTimer) {
    clearTimeout(lensTimer);
  }
  lensTimer = setTimeout(() => {
    lensTimer = undefined;
    const feature = client?.getFeature(CodeLensRequest.method);
    const emitters = new Set<vscode.EventEmitter<void>>();
    for (const editor of vscode.window.visibleTextEditors) {
      const provider = feature?.getProvider(editor.document);
      if (provider) {
        emitters.add(provider.onDidChangeCodeLensEmitter);
      }
    }
    emitters.forEach((emitter) => emitter.fire());
  }, LENS_DEBOUNCE_MS);
}

/** Re-plans shortly after the entry's diagnostics arrive (they come after every evaluation), once at a time. */
function scheduleStatusRefresh(entryUri: string | undefined): void {
  if (refreshTimer) {
    clearTimeout(refreshTimer);
  }
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refreshStatus(entryUri);
  }, STATUS_DEBOUNCE_MS);
}

async function refreshStatus(entryUri: string | undefined): Promise<void> {
  if (refreshRunning) {
    refreshAgain = entryUri ?? "";
    return;
  }
  const c = client;
  if (!c || c.state !== State.Running) {
    return;
  }
  refreshRunning = true;
  try {
    const doc = (await execute(c, SERVER_PLAN, entryUri ? [entryUri] : [])) as PlanDocument | undefined;
    if (doc?.summary) {
      showSummary(doc.summary);
    }
  } catch (e) {
    lastSummary = undefined;
    setStatus("$(error) creact: errors", `No plan: ${message(e)}\nClick to plan again.`, PALETTE_PLAN);
  } finally {
    refreshRunning = false;
    if (refreshAgain !== undefined) {
      const again = refreshAgain;
      refreshAgain = undefined;
      scheduleStatusRefresh(again || undefined);
    }
  }
}

function showSummary(s: PlanSummary): void {
  lastSummary = s;
  const text = `$(cloud) creact: +${s.create} ~${s.update} -/+${s.replace} -${s.delete}${devMode ? " $(zap)dev" : ""}`;
  const tooltip =
    `Plan for stack '${stackSetting()}': ${describe(s)}.` +
    (devMode ? "\nDev mode is on: saving deploys." : "") +
    "\nClick to plan.";
  setStatus(text, tooltip, PALETTE_PLAN);
}

function setStatus(text: string, tooltip: string, command: string, args?: unknown[]): void {
  status.text = text;
  status.tooltip = tooltip;
  status.command = args ? { title: text, command, arguments: args } : command;
  status.show();
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function printPlan(doc: PlanDocument): void {
  output.appendLine("");
  output.appendLine(`creact plan, stack ${doc.stack ?? stackSetting()} (${new Date().toLocaleTimeString()}): ${describe(doc.summary)}`);
  const symbols: Record<string, string> = { create: "+", update: "~", replace: "-/+", delete: "-" };
  for (const change of doc.changes ?? []) {
    const where = change.source?.file ? `  ${change.source.file}:${change.source.line ?? 0}:${change.source.column ?? 0}` : "";
    const changed = change.changedPaths?.length ? `  (${change.changedPaths.join(", ")})` : "";
    output.appendLine(`  ${(symbols[change.action] ?? "?").padEnd(3)} ${change.action.padEnd(7)} ${change.id}  [${change.type ?? "?"}]${changed}${where}`);
  }
}

function describe(s: PlanSummary): string {
  return `${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete, ${s.unchanged} unchanged`;
}

function stackSetting(): string {
  return vscode.workspace.getConfiguration("creact").get<string>("stack") || "dev";
}

function resolvePath(p: string): string {
  let resolved = p.replace(/^~(?=$|[\\/])/, process.env.HOME ?? "~");
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    resolved = resolved.replace(/\$\{workspaceFolder\}/g, folder.uri.fsPath);
  }
  if (!path.isAbsolute(resolved) && folder) {
    resolved = path.join(folder.uri.fsPath, resolved);
  }
  return resolved;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The existing folders JDK_FOLDERS names, in order. */
function jdkFolders(): string[] {
  const homes: string[] = [];
  for (const pattern of JDK_FOLDERS) {
    const expanded = pattern.replace(/^~(?=\/)/, process.env.HOME ?? "~");
    let dirs = ["/"];
    for (const segment of expanded.split("/").filter((s) => s)) {
      const next: string[] = [];
      for (const dir of dirs) {
        if (!/[*[]/.test(segment)) {
          next.push(path.join(dir, segment));
          continue;
        }
        const glob = globToRegExp(segment);
        try {
          next.push(...fs.readdirSync(dir).filter((name) => glob.test(name)).sort().map((name) => path.join(dir, name)));
        } catch {
          // no such folder
        }
      }
      dirs = next;
    }
    homes.push(...dirs.filter((dir) => isDirectory(dir)));
  }
  return homes;
}

/** A folder-name glob (`*`, `[6-9]`) as a regular expression. */
function globToRegExp(glob: string): RegExp {
  return new RegExp("^" + glob.replace(/[.+?^${}()|\\]/g, "\\$&").replace(/\*/g, ".*") + "$");
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function onPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) {
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
