// Dev mode in the language server with a real LSP client: `creact.dev` switches it on, and from then on each
// didSave deploys the stack through the engine's hot-reload step. Safe changes go at once; unsafe ones are
// asked with window/showMessageRequest (this client answers Apply or Skip); a failed deploy is rolled back
// and shown as an error at the resource. Checks the files on disk, the questions, $/progress, lenses and
// diagnostics. Run by scripts/test-lsp-node, which sets CREACT_JAVA and CREACT_JAR.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { stopServer } from './server-process.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol/node');

const JAVA = process.env.CREACT_JAVA ?? 'java';
const JAR = process.env.CREACT_JAR ?? path.resolve('../../../../cli/target/creact.jar');
const TIMEOUT = 60_000;
const QUIET_MS = 1500;   // how long "nothing happens" is watched for

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function lineOf(text, needle) {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return i;
}

describe('dev mode in creact lsp', () => {
  let project, server, connection, entryPath, entryUri;
  let version = 1;
  let text = [
    'import { useInstance } from "creact";',
    'import { LocalFile } from "creact/local";',
    'import { MockResource } from "creact/mock";',
    'export default function App() {',
    '  const notes = useInstance(LocalFile, { key: "notes", path: "out/notes.txt", content: "one" });',
    '  return null;',
    '}',
    '',
  ].join('\n');
  const diagnostics = new Map();
  const questions = [];           // { message, actions, answer(title) }
  const cycles = [];              // dev-mode progress: { title, reports: [], end }
  const otherProgress = [];
  const byToken = new Map();
  const shown = [];
  const logs = [];
  const protocolErrors = [];
  let stderr = '';

  const notesFile = () => path.join(project, 'out', 'notes.txt');
  const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
  const plans = (d) => d.filter((x) => String(x.code ?? '').startsWith('plan-') && x.code !== 'plan-stale');
  const errors = (d) => d.filter((x) => x.severity === lsp.DiagnosticSeverity.Error);
  const ended = () => cycles.filter((c) => c.end !== undefined);

  function context() {
    return `\nquestions: ${JSON.stringify(questions.map((q) => q.message))}\ncycles: ${JSON.stringify(cycles, null, 1)}`
      + `\nshown: ${JSON.stringify(shown)}\nentry diagnostics: ${JSON.stringify(diagnostics.get(entryUri)?.map(
        (d) => [d.range.start.line, d.severity, d.message]))}\nlog:\n${logs.join('\n')}\nstderr:\n${stderr.slice(-3000)}`;
  }

  /** Polls until `get()` returns something truthy, and returns it. */
  async function waitFor(get, what) {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const v = get();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${context()}`);
      await sleep(20);
    }
  }

  /** Waits for dev cycle number `n` (1-based, counting from the start) to end; returns it. */
  const cycleEnd = (n) => waitFor(() => ended().length >= n && ended()[n - 1], `dev cycle ${n} to end`);

  /** Waits for question number `n` (1-based). */
  const question = (n) => waitFor(() => questions[n - 1], `question ${n}`);

  /** Replaces the first line containing `needle` with `line` (or inserts `line` after it), in the editor only. */
  function edit(needle, line, insertAfter = false) {
    const lines = text.split('\n');
    const at = lineOf(text, needle);
    if (insertAfter) lines.splice(at + 1, 0, line); else lines[at] = line;
    text = lines.join('\n');
    version += 1;
    return connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: entryUri, version }, contentChanges: [{ text }],
    });
  }

  /** Writes the editor's text to disk and sends didSave, as an editor does on save. */
  function save() {
    fs.writeFileSync(entryPath, text);
    return connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: entryUri } });
  }

  const dev = (...args) => connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.dev', arguments: args });

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp-dev-'));
    entryPath = path.join(project, 'infrastructure.tsx');
    entryUri = pathToFileURL(entryPath).href;
    fs.writeFileSync(entryPath, text);

    server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xss16m',
      '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', JAR, 'lsp', '--stdio'], { cwd: project });
    server.stderr.on('data', (d) => { stderr += d; });
    connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
      new rpc.StreamMessageWriter(server.stdin));
    connection.onError(([error]) => protocolErrors.push(String(error)));
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => diagnostics.set(p.uri, p.diagnostics));
    connection.onNotification(lsp.LogMessageNotification.type, (p) => logs.push(p.message));
    connection.onNotification(lsp.ShowMessageNotification.type, (p) => shown.push(p));
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.onNotification('$/progress', ({ token, value }) => {
      if (value.kind === 'begin') {
        const c = { title: value.title, reports: [], open: true, token, cancellable: value.cancellable };
        byToken.set(token, c);
        (value.title.startsWith('creact dev') ? cycles : otherProgress).push(c);
        // Cycles run one at a time: none may begin while another is open.
        const open = cycles.filter((x) => x.open);
        if (open.length > 1) protocolErrors.push(`two dev cycles at once: ${JSON.stringify(open)}`);
      } else if (value.kind === 'report') {
        byToken.get(token)?.reports.push(value.message);
      } else if (value.kind === 'end') {
        const c = byToken.get(token);
        if (c) { c.end = value.message; c.open = false; }
      }
    });
    connection.onRequest(lsp.ShowMessageRequest.type, (p) => new Promise((resolve) => {
      questions.push({ message: p.message, actions: p.actions.map((a) => a.title), answer: (title) => resolve({ title }) });
    }));
    connection.listen();

    await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'dev' }],
      capabilities: { window: { workDoneProgress: true, showMessage: { messageActionItem: {} } } },
      initializationOptions: { stack: 'dev' },
    });
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: entryUri, languageId: 'typescriptreact', version, text },
    });
    await waitFor(() => plans(diagnostics.get(entryUri) ?? []).some((d) => d.message === '+ create notes (local:File)'),
      'the initial plan');
  });

  after(async () => {
    const exited = await stopServer(connection, server);
    fs.rmSync(project, { recursive: true, force: true });
    assert.equal(exited, 0, 'the server exits with 0 after shutdown and exit');
  });

  it('with dev mode off, a save deploys nothing', async () => {
    await save();
    await sleep(QUIET_MS);
    assert.equal(read(notesFile()), null, `nothing was written${context()}`);
    assert.equal(questions.length, 0);
    assert.equal(cycles.length, 0);
    assert.ok(!fs.existsSync(path.join(project, '.creact', 'stacks', 'dev', 'state.json')), 'no state was written');
  });

  it('switching dev mode on deploys nothing by itself', async () => {
    assert.equal(await dev(entryUri), true);
    await sleep(QUIET_MS);
    assert.equal(questions.length, 0);
    assert.equal(cycles.length, 0);
    assert.equal(read(notesFile()), null);
  });

  it('the first save asks before the unsafe create; Apply deploys it, with $/progress and ✓ deployed lenses', async () => {
    await save();
    const q = await question(1);
    assert.equal(q.message, "creact dev: apply 1 unsafe change to stack 'dev'? + create local:File notes (creates a resource)");
    assert.deepEqual(q.actions, ['Apply', 'Skip']);
    assert.equal(read(notesFile()), null, 'nothing is deployed before the answer');
    q.answer('Apply');
    const c = await cycleEnd(1);
    assert.equal(c.title, 'creact dev (dev)');
    assert.match(c.end, /^creact dev: applied 1 change in \d+ ms$/);
    assert.ok(c.reports.some((r) => /^\+ notes ✓$/.test(r)), JSON.stringify(c.reports));
    assert.equal(read(notesFile()), 'one');
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    const at = lenses.find((l) => l.range.start.line === lineOf(text, 'key: "notes"'));
    assert.match(at.command.title, /^✓ deployed/);
    assert.equal(lenses[0].command.title, 'Plan: 0 to create, 0 to update, 0 to replace, 0 to delete');
  });

  it('the editor marks a content update of a deployed file as safe, in the diagnostic and the hover', async () => {
    const line = lineOf(text, 'key: "notes"');
    await edit('key: "notes"', '  const notes = useInstance(LocalFile, { key: "notes", path: "out/notes.txt", content: "two" });');
    const d = await waitFor(() => plans(diagnostics.get(entryUri) ?? []).find((x) => x.message.startsWith('~ update notes')),
      'a safe ~ update');
    assert.equal(d.message.split('\n')[0], '~ update notes: content (safe)');
    assert.match(d.message, /content: "one" → "two"/);
    const hover = await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: entryUri }, position: { line, character: 20 } });
    assert.match(hover.contents.value, /Safety: safe — applied at once in dev mode/);
  });

  it('a save with only a safe change applies it at once, without asking', async () => {
    await save();
    const c = await cycleEnd(2);
    assert.match(c.end, /^creact dev: applied 1 change in \d+ ms$/);
    assert.equal(questions.length, 1, `no question for a safe change${context()}`);
    assert.equal(read(notesFile()), 'two');
  });

  it('Skip deploys nothing; saves during a cycle give one more cycle, with the latest contents; Apply then deploys', async () => {
    await edit('key: "notes"', '  useInstance(LocalFile, { key: "extra", path: "out/extra.txt", content: "extra" });', true);
    await save();
    const q2 = await question(2);
    assert.equal(q2.message, "creact dev: apply 1 unsafe change to stack 'dev'? + create local:File extra (creates a resource)");
    // While the first cycle waits for the answer, two more saves arrive (a safe change of notes).
    await edit('key: "notes"', '  const notes = useInstance(LocalFile, { key: "notes", path: "out/notes.txt", content: "three" });');
    await save();
    await save();
    q2.answer('Skip');
    const skipped = await cycleEnd(3);
    assert.equal(skipped.end, 'creact dev: skipped 1 unsafe change');
    assert.ok(!fs.existsSync(path.join(project, 'out', 'extra.txt')), 'Skip created nothing');
    assert.equal(read(notesFile()), 'two', 'the skipped cycle was built before the edit of notes');

    const q3 = await question(3);
    assert.match(q3.message, /^creact dev: apply 1 unsafe change to stack 'dev'\? \+ create local:File extra /);
    q3.answer('Apply');
    const applied = await cycleEnd(4);
    assert.match(applied.end, /^creact dev: applied 2 changes in \d+ ms$/);
    assert.equal(read(path.join(project, 'out', 'extra.txt')), 'extra');
    assert.equal(read(notesFile()), 'three');
    await sleep(QUIET_MS);
    assert.equal(cycles.length, 4, `the two saves during the cycle gave exactly one more cycle${context()}`);
    assert.equal(questions.length, 3);
  });

  it('a failed deploy is rolled back: the file is restored, the error shows at the resource and as a message', async () => {
    await edit('key: "notes"', '  useInstance(MockResource, { key: "db", failPermanently: false, dependsOn: [notes] });', true);
    await save();
    (await question(4)).answer('Apply');
    assert.match((await cycleEnd(5)).end, /^creact dev: applied 1 change in \d+ ms$/);

    // One save with two safe updates: notes first (db depends on it), then db, which fails.
    await edit('key: "notes"', '  const notes = useInstance(LocalFile, { key: "notes", path: "out/notes.txt", content: "four" });');
    await edit('key: "db"', '  useInstance(MockResource, { key: "db", failPermanently: true, dependsOn: [notes] });');
    await save();
    const c = await cycleEnd(6);
    assert.equal(questions.length, 4, 'both changes are safe: no question');
    assert.match(c.end, /^creact dev: deploy failed, rolled back: .*db.*fails permanently/);
    assert.ok(c.reports.some((r) => /^~ notes ✓$/.test(r)), `notes was updated before db failed: ${JSON.stringify(c.reports)}`);
    assert.equal(read(notesFile()), 'three', 'the rollback restored the content from before the save');
    assert.ok(shown.some((m) => m.type === lsp.MessageType.Error && /deploy failed, rolled back/.test(m.message)),
      `an error message is shown${context()}`);
    const dbLine = lineOf(text, 'key: "db"');
    const error = await waitFor(() => errors(diagnostics.get(entryUri) ?? []).find((x) => x.code === 'deploy-failed'),
      'the deploy-failed diagnostic');
    assert.equal(error.range.start.line, dbLine);
    assert.match(error.message, /fails permanently/);
  });

  it('fixing the cause and saving applies the change and clears the error', async () => {
    await edit('key: "db"', '  useInstance(MockResource, { key: "db", failPermanently: false, dependsOn: [notes] });');
    await save();
    const c = await cycleEnd(7);
    assert.match(c.end, /^creact dev: applied 1 change in \d+ ms$/);
    assert.equal(read(notesFile()), 'four');
    await waitFor(() => errors(diagnostics.get(entryUri) ?? []).length === 0 && plans(diagnostics.get(entryUri)).length === 0,
      'no errors and nothing left to do');
  });

  it('an unsafe update is marked in the editor and asked on save; Skip leaves it undeployed', async () => {
    const line = lineOf(text, 'key: "db"');
    await edit('key: "db"', '  useInstance(MockResource, { key: "db", failPermanently: false, tier: "large", dependsOn: [notes] });');
    const d = await waitFor(() => plans(diagnostics.get(entryUri) ?? []).find((x) => x.message.startsWith('~ update db')),
      'an unsafe ~ update');
    assert.equal(d.message.split('\n')[0], '~ update db: tier (unsafe: tier is not declared safe by mock:Resource)');
    const hover = await connection.sendRequest(lsp.HoverRequest.type, { textDocument: { uri: entryUri }, position: { line, character: 4 } });
    assert.match(hover.contents.value, /Safety: unsafe — tier is not declared safe by mock:Resource; dev mode asks first/);
    const ledgerFile = path.join(project, '.creact', 'mock-ledger.jsonl');
    const updates = () => fs.readFileSync(ledgerFile, 'utf8').split('\n')
      .filter((l) => l.includes('"update"') && l.includes('"ok"')).length;
    const before = updates();
    await save();
    const q = await question(5);
    assert.equal(q.message, "creact dev: apply 1 unsafe change to stack 'dev'? ~ update mock:Resource db (tier is not declared safe by mock:Resource)");
    q.answer('Skip');
    assert.equal((await cycleEnd(8)).end, 'creact dev: skipped 1 unsafe change');
    assert.equal(updates(), before, 'Skip called no provider');
  });

  it('cancelling the progress while the question is open stops the cycle: nothing is deployed', async () => {
    const ledgerFile = path.join(project, '.creact', 'mock-ledger.jsonl');
    const before = fs.readFileSync(ledgerFile, 'utf8');
    await save(); // the unsafe tier change is still in the editor
    await question(6);
    const open = cycles[cycles.length - 1];
    assert.equal(open.cancellable, true, 'dev-mode progress can be cancelled');
    await connection.sendNotification(lsp.WorkDoneProgressCancelNotification.type, { token: open.token });
    assert.equal((await cycleEnd(9)).end, 'creact dev: cancelled; nothing was applied');
    assert.equal(fs.readFileSync(ledgerFile, 'utf8'), before, 'no provider was called');
    assert.ok(!fs.existsSync(path.join(project, '.creact', 'stacks', 'dev', 'lock.json')), 'no lock is left');
  });

  it('switching dev mode off stops deploying on save', async () => {
    assert.equal(await dev(entryUri, false), false);
    await edit('key: "notes"', '  const notes = useInstance(LocalFile, { key: "notes", path: "out/notes.txt", content: "five" });');
    await save();
    await sleep(QUIET_MS);
    assert.equal(cycles.length, 9);
    assert.equal(read(notesFile()), 'four');
  });

  it('wrote nothing but LSP messages on stdout, and never ran two cycles at once', () => {
    assert.deepEqual(protocolErrors, []);
  });
});
