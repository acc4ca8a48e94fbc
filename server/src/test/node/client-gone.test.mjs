// The editor closes while a deploy it started is running: the deploy must finish (or stop cleanly), the
// lock must be released and nothing lost. Spawns the real server, starts creact.deploy on a slow mock
// stack, then closes the connection at once (the editor is gone) and checks what is left on disk.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { slowMockStack } from './server-process.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol/node');

const JAVA = process.env.CREACT_JAVA ?? 'java';
const JAR = process.env.CREACT_JAR ?? path.resolve('../../../../cli/target/creact.jar');
const RESOURCES = 12;

const stack = () => slowMockStack(RESOURCES, 250);

describe('the client closing mid-deploy', () => {
  it('the deploy finishes, the lock is released, and the state records every resource', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-client-gone-'));
    const entryPath = path.join(project, 'infrastructure.tsx');
    fs.writeFileSync(entryPath, stack());
    fs.writeFileSync(path.join(project, 'creact.config.json'), '{ "parallelism": 2 }\n');
    const server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow',
      '-Xss16m', '-jar', JAR, 'lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    const connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    let firstDiagnostics;
    const published = new Promise((resolve) => { firstDiagnostics = resolve; });
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === pathToFileURL(entryPath).href && p.diagnostics.length > 0) firstDiagnostics();
    });
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.onNotification(() => {});
    connection.listen();
    await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(project).href,
      capabilities: { window: { workDoneProgress: true } }, workspaceFolders: null,
    });
    connection.sendNotification(lsp.InitializedNotification.type, {});
    connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: pathToFileURL(entryPath).href, languageId: 'typescriptreact', version: 1, text: stack() },
    });
    await published;
    connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [] }).catch(() => {});
    // Let the deploy start (its journal appears), then the editor goes away without shutdown or exit.
    const journal = path.join(project, '.creact', 'stacks', 'dev', 'journal.jsonl');
    for (let i = 0; i < 600 && !fs.existsSync(journal); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(journal), `the deploy started\n${stderr}`);
    connection.dispose();
    server.stdin.end();
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 60_000))]);
    assert.notEqual(code, 'still running', `the server exits once the deploy is done\n${stderr}`);

    const ledger = fs.readFileSync(path.join(project, '.creact', 'mock-ledger.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l));
    const creates = ledger.filter((e) => e.op === 'create' && e.result === 'ok').map((e) => e.id);
    assert.equal(new Set(creates).size, RESOURCES, 'every resource was created');
    assert.equal(creates.length, RESOURCES, 'none twice');
    assert.ok(!fs.existsSync(path.join(project, '.creact', 'stacks', 'dev', 'lock.json')), 'the lock is released');
    const deployment = JSON.parse(fs.readFileSync(path.join(project, '.creact', 'stacks', 'dev', 'deployment.json'), 'utf8'));
    assert.equal(deployment.status, 'DEPLOYED');
    const state = JSON.parse(fs.readFileSync(path.join(project, '.creact', 'stacks', 'dev', 'state.json'), 'utf8'));
    assert.equal(state.content.cloudDom.resources.length, RESOURCES, 'the state records every resource');
    fs.rmSync(project, { recursive: true, force: true });
  });
});
