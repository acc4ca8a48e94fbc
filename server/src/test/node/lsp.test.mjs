// The creact language server with a real LSP client: spawns `java -jar cli/target/creact.jar lsp`, talks to it
// with vscode-jsonrpc over stdio, and checks what an editor would show while a user edits examples/hello.
// Run by scripts/test-lsp-node, which sets CREACT_JAVA, CREACT_JAR and CREACT_EXAMPLE.
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
const EXAMPLE = process.env.CREACT_EXAMPLE ?? path.resolve('../../../../examples/hello');
const TIMEOUT = 60_000;

/** Line (0-based) of the first line containing `needle`. */
function lineOf(text, needle, from = 0) {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) {
    if (lines[i].includes(needle)) return i;
  }
  throw new Error(`no line contains ${JSON.stringify(needle)}`);
}

describe('creact lsp with a real client', () => {
  let project, server, connection, entryUri, entryPath, serviceUri;
  let text;              // our copy of the editor's infrastructure.tsx
  let version = 1;
  const diagnostics = new Map();   // uri -> latest diagnostics
  const waiters = [];
  const progress = [];
  const logs = [];
  const shown = [];
  const protocolErrors = [];
  let stderr = '';

  function onDiagnostics() {
    for (const w of [...waiters]) {
      if (w.check()) waiters.splice(waiters.indexOf(w), 1);
    }
  }

  /** Resolves with the diagnostics of `uri` once `predicate(diags)` holds. */
  function waitForDiagnostics(uri, predicate, what) {
    return new Promise((resolve, reject) => {
      const w = {
        check() {
          const d = diagnostics.get(uri);
          if (d && predicate(d)) { clearTimeout(timer); resolve(d); return true; }
          return false;
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for diagnostics: ${what}; latest for ${uri}:\n`
          + JSON.stringify(diagnostics.get(uri)?.map((d) => [d.range.start.line, d.severity, d.message]), null, 1)
          + `\nserver log:\n${logs.join('\n')}\nstderr:\n${stderr.slice(-3000)}`));
      }, TIMEOUT);
      if (!w.check()) waiters.push(w);
    });
  }

  const plans = (d) => d.filter((x) => String(x.code ?? '').startsWith('plan-') && x.code !== 'plan-stale');
  const errors = (d) => d.filter((x) => x.severity === lsp.DiagnosticSeverity.Error);

  /** Sends an incremental change replacing lines [from, to) with `lines` and mirrors it in `text`. */
  function editLines(from, to, lines) {
    const all = text.split('\n');
    all.splice(from, to - from, ...lines);
    text = all.join('\n');
    version += 1;
    return connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: entryUri, version },
      contentChanges: [{
        range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } },
        text: lines.map((l) => l + '\n').join(''),
      }],
    });
  }

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp-'));
    fs.cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !/[/\\](out|\.creact)$/.test(src) });
    entryPath = path.join(project, 'infrastructure.tsx');
    entryUri = pathToFileURL(entryPath).href;
    serviceUri = pathToFileURL(path.join(project, 'components', 'service.tsx')).href;
    text = fs.readFileSync(entryPath, 'utf8');

    server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xss16m',
      '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', JAR, 'lsp', '--stdio'], { cwd: project });
    server.stderr.on('data', (d) => { stderr += d; });
    connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
      new rpc.StreamMessageWriter(server.stdin));
    connection.onError(([error]) => protocolErrors.push(String(error)));
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      diagnostics.set(p.uri, p.diagnostics);
      onDiagnostics();
    });
    connection.onNotification(lsp.LogMessageNotification.type, (p) => logs.push(p.message));
    connection.onNotification(lsp.ShowMessageNotification.type, (p) => shown.push(p));
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.onNotification('$/progress', (p) => progress.push(p));
    connection.listen();

    const init = await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'hello' }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { stack: 'dev', evalTimeoutMs: 3000 },
    });
    assert.ok(init.capabilities.hoverProvider, 'hover is offered');
    assert.ok(init.capabilities.codeLensProvider, 'code lenses are offered');
    assert.deepEqual(init.capabilities.executeCommandProvider.commands.sort(),
      ['creact.deploy', 'creact.dev', 'creact.plan', 'creact.refresh']);
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: entryUri, languageId: 'typescriptreact', version, text },
    });
  });

  after(async () => {
    const exited = await stopServer(connection, server);
    fs.rmSync(project, { recursive: true, force: true });
    assert.equal(exited, 0, 'the server exits with 0 after shutdown and exit');
  });

  it('publishes the initial plan: 5 creates at the elements that declare them', async () => {
    const entry = await waitForDiagnostics(entryUri, (d) => plans(d).length === 3, '3 creates in infrastructure.tsx');
    const service = await waitForDiagnostics(serviceUri, (d) => plans(d).length === 2, '2 creates in service.tsx');
    const at = (d) => plans(d).map((x) => [x.range.start.line, x.message.split('\n')[0]]).sort();
    assert.deepEqual(at(entry), [
      [lineOf(text, 'key: "root"'), '+ create site.root (local:Directory)'],
      [lineOf(text, 'key: "suffix"'), '+ create site.suffix (local:RandomId)'],
      [lineOf(text, 'useInstance(LocalFile'), '+ create site.index (local:File)'],
    ].sort());
    const serviceText = fs.readFileSync(path.join(project, 'components', 'service.tsx'), 'utf8');
    assert.deepEqual(at(service), [
      [lineOf(serviceText, 'useInstance(LocalFile'), '+ create site.api.config (local:File)'],
      [lineOf(serviceText, 'useInstance(LocalFile'), '+ create site.worker.config (local:File)'],
    ]);
    for (const d of [...entry, ...service]) {
      assert.equal(d.source, 'creact');
      assert.equal(d.severity, lsp.DiagnosticSeverity.Information);
    }
  });

  it('shows code lenses: the summary, Deploy and Check drift on line 0, one lens per resource', async () => {
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    const top = lenses.filter((l) => l.range.start.line === 0);
    assert.deepEqual(top.map((l) => [l.command.title, l.command.command]), [
      ['Plan: 5 to create, 0 to update, 0 to replace, 0 to delete', 'creact.plan'],
      ['Deploy', 'creact.deploy'],
      ['Check drift', 'creact.refresh'],
    ]);
    const resources = lenses.filter((l) => l.range.start.line !== 0).map((l) => [l.range.start.line, l.command.title]);
    assert.deepEqual(resources.sort(), [
      [lineOf(text, 'key: "root"'), '+ create site.root'],
      [lineOf(text, 'key: "suffix"'), '+ create site.suffix'],
      [lineOf(text, 'useInstance(LocalFile'), '+ create site.index'],
    ].sort());
    const serviceLenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: serviceUri } });
    assert.deepEqual(serviceLenses.map((l) => l.command.title).sort(), ['+ create site.api.config', '+ create site.worker.config']);
  });

  it('answers a hover on a resource line with its id, type and planned action', async () => {
    const hover = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line: lineOf(text, 'useInstance(LocalFile'), character: 4 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*site\.index\*\*/);
    assert.match(hover.contents.value, /local:File/);
    assert.match(hover.contents.value, /\+ create/);
    assert.match(hover.contents.value, /\+ path: "out\/prod\/index\.html"/);
    const none = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line: 0, character: 1 },
    });
    assert.equal(none, null, 'no hover where no resource is declared');
  });

  it('evaluates an unsaved edit that adds a resource: a new + create at its line', async () => {
    const at = lineOf(text, 'key: "suffix"') + 1;
    await editLines(at, at, ['  useInstance(LocalFile, { key: "extra", path: "out/extra.txt", content: "one" });']);
    const d = await waitForDiagnostics(entryUri, (ds) => plans(ds).some((x) => x.message.startsWith('+ create site.extra')),
      '+ create site.extra');
    assert.equal(d.find((x) => x.message.startsWith('+ create site.extra')).range.start.line, at);
    assert.equal(plans(d).length, 4);
  });

  it('creact.deploy deploys what the editor shows, with $/progress; then nothing is left to do', async () => {
    const report = await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
    assert.equal(report.outcome, 'deployed', JSON.stringify(report));
    assert.equal(report.created.length, 6);
    assert.ok(fs.existsSync(path.join(project, 'out', 'extra.txt')), 'out/extra.txt was written');
    await waitForDiagnostics(entryUri, (ds) => plans(ds).length === 0 && errors(ds).length === 0, 'no plan left');
    await waitForDiagnostics(serviceUri, (ds) => plans(ds).length === 0, 'no plan left in service.tsx');
    const kinds = progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'));
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    assert.equal(lenses[0].command.title, 'Plan: 0 to create, 0 to update, 0 to replace, 0 to delete');
    const suffix = lenses.find((l) => l.range.start.line === lineOf(text, 'key: "suffix"'));
    assert.match(suffix.command.title, /^✓ deployed · hex=[0-9a-f]{8}$/);
    const hover = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line: lineOf(text, 'key: "suffix"'), character: 10 },
    });
    assert.match(hover.contents.value, /Outputs \(deployed\)/);
    assert.match(hover.contents.value, /`hex`/);
  });

  it('changing a prop of a deployed resource gives ~ update naming the prop', async () => {
    const at = lineOf(text, 'key: "extra"');
    await editLines(at, at + 1, ['  useInstance(LocalFile, { key: "extra", path: "out/extra.txt", content: "two" });']);
    const d = await waitForDiagnostics(entryUri, (ds) => plans(ds).some((x) => x.message.startsWith('~ update')), '~ update');
    const update = plans(d).find((x) => x.message.startsWith('~ update'));
    assert.equal(update.message.split('\n')[0], '~ update site.extra: content (safe)');
    assert.match(update.message, /content: "one" → "two"/);
    assert.equal(update.range.start.line, at);
    const hover = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line: at, character: 3 },
    });
    assert.match(hover.contents.value, /- content: "one"\n\+ content: "two"/);
    assert.match(hover.contents.value, /Safety: safe — applied at once in dev mode/);
  });

  it('removing a resource gives - delete on line 0', async () => {
    const at = lineOf(text, 'key: "extra"');
    await editLines(at, at + 1, []);
    const d = await waitForDiagnostics(entryUri, (ds) => plans(ds).some((x) => x.message.startsWith('- delete')), '- delete');
    const del = plans(d).find((x) => x.message.startsWith('- delete'));
    assert.equal(del.message, '- delete site.extra (local:File)');
    assert.equal(del.range.start.line, 0);
    assert.equal(plans(d).length, 1);
  });

  it('a syntax error is an error at its line; the last good plan stays, marked stale; fixing it clears both', async () => {
    const at = lineOf(text, 'const root');
    await editLines(at, at, ['  const broken = ;']);
    const d = await waitForDiagnostics(entryUri, (ds) => errors(ds).length > 0, 'a syntax error');
    const error = errors(d)[0];
    assert.equal(error.code, 'syntax-error');
    assert.equal(error.range.start.line, at);
    assert.ok(d.some((x) => x.code === 'plan-stale'), 'the plan is marked stale');
    assert.ok(plans(d).some((x) => x.message.startsWith('- delete site.extra')), 'the last good plan stays');
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    assert.match(lenses[0].command.title, /^\(stale\) Plan: /);
    await editLines(at, at + 1, []);
    await waitForDiagnostics(entryUri, (ds) => errors(ds).length === 0 && !ds.some((x) => x.code === 'plan-stale')
      && plans(ds).length === 1, 'the fix');
  });

  it('a dependency cycle is an error naming the ids on it', async () => {
    const at = lineOf(text, 'const suffix') + 1;
    await editLines(at, at, [
      '  const a = useInstance(RandomId, { key: "cyc-a", bytes: 2, dependsOn: ["site.cyc-b"] });',
      '  useInstance(RandomId, { key: "cyc-b", bytes: 2, dependsOn: [a] });',
    ]);
    const d = await waitForDiagnostics(entryUri, (ds) => errors(ds).some((x) => x.code === 'dependency-cycle'), 'a cycle');
    const cycle = errors(d).find((x) => x.code === 'dependency-cycle');
    assert.match(cycle.message, /site\.cyc-a/);
    assert.match(cycle.message, /site\.cyc-b/);
    assert.ok([at, at + 1].includes(cycle.range.start.line));
    await editLines(at, at + 2, []);
    await waitForDiagnostics(entryUri, (ds) => errors(ds).length === 0 && plans(ds).length === 1, 'the cycle removed');
  });

  it('an endless loop is stopped at the time limit (set by didChangeConfiguration) while the server keeps answering', async () => {
    await connection.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: { creact: { evalTimeoutMs: 2000 } } });
    await waitForDiagnostics(entryUri, (ds) => errors(ds).length === 0 && plans(ds).length === 1, 'the re-evaluation with new settings');
    const at = lineOf(text, 'const env = useContext');
    await editLines(at, at, ['  while (true) {}']);
    await new Promise((r) => setTimeout(r, 300));   // the evaluation is running now
    const started = Date.now();
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    assert.ok(Date.now() - started < 1000, `code lenses answered in ${Date.now() - started} ms during the loop`);
    assert.ok(lenses.length > 0);
    const d = await waitForDiagnostics(entryUri, (ds) => errors(ds).some((x) => x.code === 'time-limit'), 'the time limit');
    assert.match(errors(d).find((x) => x.code === 'time-limit').message, /after 2000 ms/);
    // The engine names the component that was running (its stack keeps the guest frames).
    assert.ok([at, lineOf(text, 'function Site')].includes(errors(d).find((x) => x.code === 'time-limit').range.start.line));
    await editLines(at, at + 1, []);
    await waitForDiagnostics(entryUri, (ds) => errors(ds).length === 0 && plans(ds).length === 1, 'the loop removed');
  });

  it('a file outside the stack gets no plan diagnostics', async () => {
    const notesPath = path.join(project, 'notes.tsx');
    const notesUri = pathToFileURL(notesPath).href;
    fs.writeFileSync(notesPath, 'export const notes = 1;\n');
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: notesUri, languageId: 'typescriptreact', version: 1, text: 'export const notes = 2;\n' },
    });
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(diagnostics.get(notesUri) ?? [], []);
  });

  it('after a save, creact.plan returns the plan JSON and creact.deploy applies it to disk with progress', async () => {
    const at = lineOf(text, 'key: "suffix"') + 1;
    await editLines(at, at, ['  useInstance(LocalFile, { key: "saved", path: "out/saved.txt", content: "saved" });']);
    fs.writeFileSync(entryPath, text);
    await connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: entryUri } });
    await waitForDiagnostics(entryUri, (ds) => plans(ds).some((x) => x.message.startsWith('+ create site.saved')), '+ create site.saved');

    const plan = await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.plan', arguments: [entryUri] });
    assert.equal(plan.formatVersion, 1);
    assert.equal(plan.stack, 'dev');
    assert.deepEqual(plan.summary, { create: 1, update: 0, replace: 0, delete: 1, unchanged: 5, safe: 0, unsafe: 2 });
    assert.deepEqual(plan.changes.map((c) => [c.safety, c.safetyReason]), [['unsafe', 'creates a resource'], ['unsafe', 'deletes a resource']]);
    assert.deepEqual(plan.changes.map((c) => [c.id, c.action]), [['site.saved', 'create'], ['site.extra', 'delete']]);
    assert.equal(plan.changes[0].source.line, at + 1);

    progress.length = 0;
    const first = connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
    const second = connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
    await assert.rejects(second, /already running/);
    const report = await first;
    assert.equal(report.outcome, 'deployed', JSON.stringify(report));
    assert.deepEqual(report.created, ['site.saved']);
    assert.deepEqual(report.deleted, ['site.extra']);
    assert.equal(fs.readFileSync(path.join(project, 'out', 'saved.txt'), 'utf8'), 'saved');
    assert.ok(!fs.existsSync(path.join(project, 'out', 'extra.txt')), 'out/extra.txt was deleted');
    assert.ok(fs.existsSync(path.join(project, 'out', 'prod', 'index.html')));
    assert.ok(shown.some((m) => /already running/.test(m.message)), 'the refusal is shown to the user');
    assert.deepEqual(progress.map((p) => p.value.kind).filter((k, i, a) => k !== a[i - 1]), ['begin', 'report', 'end']);
    await waitForDiagnostics(entryUri, (ds) => plans(ds).length === 0 && errors(ds).length === 0, 'nothing left to do');
  });

  it('the Check drift lens (creact.refresh) shows a file changed and one deleted behind creact\'s back, and plans them back', async () => {
    fs.writeFileSync(path.join(project, 'out', 'saved.txt'), 'edited by hand');
    fs.rmSync(path.join(project, 'out', 'prod', 'index.html'));
    const result = await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.refresh', arguments: [entryUri] });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(result.drift.map((d) => d.message).sort(), [
      '! drifted site.saved: content changed outside creact', '! gone site.index: deleted outside creact']);
    const d = await waitForDiagnostics(entryUri, (ds) => ds.some((x) => x.code === 'drift')
      && plans(ds).some((x) => x.message.startsWith('~ update site.saved')), 'drift warnings and the plan that restores');
    const drift = d.filter((x) => x.code === 'drift');
    assert.ok(drift.every((x) => x.severity === lsp.DiagnosticSeverity.Warning));
    assert.equal(drift.find((x) => x.message.includes('site.saved')).range.start.line, lineOf(text, 'key: "saved"'));
    assert.ok(plans(d).some((x) => x.message.startsWith('+ create site.index')), 'the deleted file is planned again');
  });

  it('creact.dev toggles dev mode', async () => {
    assert.equal(await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.dev' }), true);
    assert.equal(await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.dev' }), false);
  });

  it('wrote nothing but LSP messages on stdout', () => {
    assert.deepEqual(protocolErrors, []);
  });
});
