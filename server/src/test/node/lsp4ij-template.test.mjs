// The LSP4IJ user-defined server template (intellij-plugin/lsp4ij-template) used the way LSP4IJ uses it: the
// command from template.json, split into arguments as LSP4IJ splits it, started in a copy of examples/hello;
// initializationOptions.json sent with `initialize` and settings.json as `workspace/didChangeConfiguration`.
// Then what IntelliJ shows: the plan as diagnostics, and the lenses. Run by scripts/test-lsp-node, which sets
// CREACT_TEMPLATE, CREACT_BIN (bin/, where the template's `creact` command is) and CREACT_EXAMPLE.
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

const TEMPLATE = process.env.CREACT_TEMPLATE ?? path.resolve('../../../../intellij-plugin/lsp4ij-template');
const BIN = process.env.CREACT_BIN ?? path.resolve('../../../../bin');
const EXAMPLE = process.env.CREACT_EXAMPLE ?? path.resolve('../../../../examples/hello');
const TIMEOUT = 60_000;

const readJson = (name) => JSON.parse(fs.readFileSync(path.join(TEMPLATE, name), 'utf8'));

/**
 * A command line split as LSP4IJ's user-defined servers split theirs: at spaces, except inside double quotes,
 * which are dropped; empty pieces are skipped. Then the two IntelliJ macros a template may use.
 */
function lsp4ijArguments(commandLine, projectDir) {
  const args = [];
  let current = '';
  let quoted = false;
  for (const c of commandLine) {
    if (c === '"') {
      quoted = !quoted;
    } else if (c === ' ' && !quoted) {
      if (current.trim()) args.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (current.trim()) args.push(current.trim());
  return args.map((a) => a.replaceAll('$PROJECT_DIR$', projectDir).replaceAll('$USER_HOME$', os.homedir()));
}

/** The template's server, started in a fresh copy of examples/hello and initialized as LSP4IJ would. */
async function startTemplateServer(initializationOptions) {
  const template = readJson('template.json');
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp4ij-'));
  fs.cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !/[/\\](out|\.creact)$/.test(src) });
  const [program, ...args] = lsp4ijArguments(template.programArgs.default, project);
  const server = spawn(program, args, {
    cwd: project,
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}` },
  });
  const s = { project, server, stderr: '', diagnostics: new Map(), waiters: [], logs: [] };
  server.stderr.on('data', (d) => { s.stderr += d; });
  const spawned = new Promise((resolve, reject) => { server.on('spawn', resolve); server.on('error', reject); });
  await spawned;
  s.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  s.connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    s.diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...s.waiters]) if (w()) s.waiters.splice(s.waiters.indexOf(w), 1);
  });
  s.connection.onNotification(lsp.LogMessageNotification.type, (p) => s.logs.push(p.message));
  s.connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
  s.connection.listen();
  s.init = await s.connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    workspaceFolders: [{ uri: pathToFileURL(project).href, name: path.basename(project) }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions,
  });
  await s.connection.sendNotification(lsp.InitializedNotification.type, {});
  await s.connection.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: readJson('settings.json') });
  s.entryUri = pathToFileURL(path.join(project, 'infrastructure.tsx')).href;
  await s.connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: s.entryUri, languageId: 'typescriptreact', version: 1,
      text: fs.readFileSync(path.join(project, 'infrastructure.tsx'), 'utf8') },
  });
  return s;
}

function waitForDiagnostics(s, uri, predicate, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = s.diagnostics.get(uri);
      if (d && predicate(d)) { clearTimeout(timer); resolve(d); return true; }
      return false;
    };
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr:\n${s.stderr.slice(-3000)}`
      + `\nlog:\n${s.logs.join('\n')}`)), TIMEOUT);
    if (!check()) s.waiters.push(check);
  });
}

async function stop(s) {
  if (!s) return;
  const exited = await stopServer(s.connection, s.server);
  fs.rmSync(s.project, { recursive: true, force: true });
  assert.equal(exited, 0, 'the server exits with 0 after shutdown and exit');
}

const plans = (d) => d.filter((x) => String(x.code ?? '').startsWith('plan-') && x.code !== 'plan-stale');
const execute = (s, command, args) => s.connection.sendRequest(lsp.ExecuteCommandRequest.type, { command, arguments: args });

describe('the LSP4IJ template', () => {
  it('is in the layout LSP4IJ imports: template.json with a name, a default command and *.tsx/*.ts mappings', () => {
    const template = readJson('template.json');
    assert.equal(template.name, 'creact');
    assert.equal(typeof template.programArgs.default, 'string');
    assert.deepEqual(template.fileTypeMappings.map((m) => [m.fileType.patterns, m.languageId]),
      [[['*.tsx'], 'typescriptreact'], [['*.ts'], 'typescript']]);
    assert.equal(typeof readJson('settings.json').creact, 'object');
    assert.equal(readJson('initializationOptions.json').devMode, false);
  });

  describe('its command, started against examples/hello', () => {
    let s;
    before(async () => { s = await startTemplateServer(readJson('initializationOptions.json')); });
    after(() => stop(s));

    it('initializes with the capabilities IntelliJ uses through LSP4IJ', () => {
      assert.equal(s.init.serverInfo.name, 'creact');
      assert.ok(s.init.capabilities.hoverProvider, 'hover');
      assert.ok(s.init.capabilities.codeLensProvider, 'code lenses');
      assert.deepEqual(s.init.capabilities.executeCommandProvider.commands.sort(), ['creact.deploy', 'creact.dev', 'creact.plan', 'creact.refresh']);
    });

    it('publishes the plan of examples/hello as diagnostics: three creates in infrastructure.tsx', async () => {
      const d = await waitForDiagnostics(s, s.entryUri, (ds) => plans(ds).length === 3, 'three creates');
      assert.deepEqual(plans(d).map((x) => x.message.split('\n')[0]).sort(), [
        '+ create site.index (local:File)', '+ create site.root (local:Directory)', '+ create site.suffix (local:RandomId)']);
    });

    it('shows the summary and Deploy lenses on the first line', async () => {
      const lenses = await s.connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: s.entryUri } });
      assert.deepEqual(lenses.filter((l) => l.range.start.line === 0).map((l) => [l.command.title, l.command.command]), [
        ['Plan: 5 to create, 0 to update, 0 to replace, 0 to delete', 'creact.plan'],
        ['Deploy', 'creact.deploy'],
        ['Check drift', 'creact.refresh'],
      ]);
    });

    it('plans the stack settings.json names', async () => {
      const doc = await execute(s, 'creact.plan', [s.entryUri]);
      assert.equal(doc.stack, readJson('settings.json').creact.stack);
      assert.equal(doc.summary.create, 5);
    });

    it('starts with dev mode off (initializationOptions.json): toggling switches it on', async () => {
      assert.equal(await execute(s, 'creact.dev', []), true);
      assert.equal(await execute(s, 'creact.dev', [false]), false);
    });
  });

  describe('with "devMode": true in initializationOptions', () => {
    let s;
    before(async () => { s = await startTemplateServer({ ...readJson('initializationOptions.json'), devMode: true }); });
    after(() => stop(s));

    it('starts in dev mode: toggling switches it off', async () => {
      await waitForDiagnostics(s, s.entryUri, (ds) => plans(ds).length === 3, 'the first plan');
      assert.equal(await execute(s, 'creact.dev', []), false);
    });
  });
});
