// The user cancels a deploy from the editor (the Cancel button of its progress sends
// window/workDoneProgress/cancel): operations already started finish, no new one starts, the lock is
// released and the state records what was done; deploying again does the rest, nothing twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { slowMockStack, stopServer } from './server-process.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol/node');

const JAVA = process.env.CREACT_JAVA ?? 'java';
const JAR = process.env.CREACT_JAR ?? path.resolve('../../../../cli/target/creact.jar');
const RESOURCES = 12;
const TIMEOUT = 60_000;

const stack = () => slowMockStack(RESOURCES, 300);

async function waitFor(get, what, context) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cancelling a deploy from the editor', () => {
  it('stops it cleanly; the next deploy does the rest', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-cancel-'));
    const entryPath = path.join(project, 'infrastructure.tsx');
    const entryUri = pathToFileURL(entryPath).href;
    fs.writeFileSync(entryPath, stack());
    fs.writeFileSync(path.join(project, 'creact.config.json'), '{ "parallelism": 2 }\n');
    const server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow',
      '-Xss16m', '-jar', JAR, 'lsp'], { cwd: project });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += d; });
    const connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    const progress = [];          // { token, begin, reports, end }
    const shown = [];
    let diagnostics = [];
    const context = () => `progress: ${JSON.stringify(progress, null, 1)}\nshown: ${JSON.stringify(shown)}\n${stderr.slice(-3000)}`;
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === entryUri) diagnostics = p.diagnostics;
    });
    connection.onNotification(lsp.ShowMessageNotification.type, (p) => shown.push(p));
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.onNotification('$/progress', ({ token, value }) => {
      if (value.kind === 'begin') progress.push({ token, begin: value, reports: [] });
      const p = progress.find((x) => x.token === token);
      if (value.kind === 'report') p?.reports.push(value.message);
      if (value.kind === 'end' && p) p.end = value.message;
    });
    connection.listen();
    try {
      await connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(project).href,
        capabilities: { window: { workDoneProgress: true } }, workspaceFolders: null,
      });
      await connection.sendNotification(lsp.InitializedNotification.type, {});
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: entryUri, languageId: 'typescriptreact', version: 1, text: stack() },
      });
      await waitFor(() => diagnostics.length === RESOURCES, 'the plan of 12 creates', context);

      const first = connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
      const running = await waitFor(() => progress[0]?.reports.some((r) => r.endsWith(' ✓')) && progress[0],
        'the first resource to be created', context);
      assert.equal(running.begin.cancellable, true, 'the deploy progress offers Cancel');
      await connection.sendNotification(lsp.WorkDoneProgressCancelNotification.type, { token: running.token });
      const report = await first;
      assert.equal(report.outcome, 'cancelled', JSON.stringify(report));
      assert.match(running.end, /^creact deploy cancelled: \d+ created, 0 updated, 0 deleted before it stopped/);
      assert.ok(shown.some((m) => m.type === lsp.MessageType.Warning && /creact deploy cancelled/.test(m.message)), context());

      const stackDir = path.join(project, '.creact', 'stacks', 'dev');
      assert.ok(!fs.existsSync(path.join(stackDir, 'lock.json')), 'the lock is released');
      const state = JSON.parse(fs.readFileSync(path.join(stackDir, 'state.json'), 'utf8'));
      const recorded = state.content.cloudDom.resources.length;
      assert.ok(recorded >= 1 && recorded < RESOURCES, `the state records the ${recorded} created before the cancel`);
      const deployment = JSON.parse(fs.readFileSync(path.join(stackDir, 'deployment.json'), 'utf8'));
      assert.notEqual(deployment.status, 'APPLYING', 'nothing is left half-applied');

      const second = await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
      assert.equal(second.outcome, 'deployed', JSON.stringify(second));
      const creates = fs.readFileSync(path.join(project, '.creact', 'mock-ledger.jsonl'), 'utf8').trim().split('\n')
        .map((l) => JSON.parse(l)).filter((e) => e.op === 'create' && e.result === 'ok').map((e) => e.id);
      assert.equal(new Set(creates).size, RESOURCES, 'every resource is created in the end');
      assert.equal(creates.length, RESOURCES, 'none twice');
    } finally {
      const exited = await stopServer(connection, server);
      fs.rmSync(project, { recursive: true, force: true });
      assert.equal(exited, 0, `the server exits with 0\n${stderr.slice(-2000)}`);
    }
  });
});
