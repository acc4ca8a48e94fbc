// Issue 21 item 5: after a deploy was killed, the editor's summary lens says the stack has an interrupted
// deployment and how to resume or roll it back (a plan of "N to create" alone would mislead).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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
const JVM = ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xss16m'];
const TIMEOUT = 60_000;

async function waitFor(get, what, context) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('an interrupted deployment in the editor', () => {
  it('shows a lens above the plan summary naming resume and rollback, gone once resumed', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-interrupted-'));
    const entryPath = path.join(project, 'infrastructure.tsx');
    const entryUri = pathToFileURL(entryPath).href;
    fs.writeFileSync(entryPath, slowMockStack(20, 200));
    fs.writeFileSync(path.join(project, 'creact.config.json'), '{ "parallelism": 1 }\n');
    const env = { ...process.env, NO_COLOR: '1' };

    // A deploy from the terminal, killed (SIGKILL) once it has created a resource.
    const deploy = spawn(JAVA, [...JVM, '-jar', JAR, 'deploy', '--auto-approve'], { cwd: project, env });
    let deployOut = '';
    deploy.stdout.on('data', (d) => { deployOut += d; });
    deploy.stderr.on('data', (d) => { deployOut += d; });
    const ledger = path.join(project, '.creact', 'mock-ledger.jsonl');
    await waitFor(() => fs.existsSync(ledger) && /"op" *: *"create"/i.test(fs.readFileSync(ledger, 'utf8')),
      'the first create', () => deployOut);
    deploy.kill('SIGKILL');
    await new Promise((r) => deploy.on('exit', r));

    const server = spawn(JAVA, [...JVM, '-jar', JAR, 'lsp'], { cwd: project, env });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += d; });
    const connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    let published = false;
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === entryUri) published = true;
    });
    connection.listen();
    try {
      await connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {}, workspaceFolders: null,
      });
      await connection.sendNotification(lsp.InitializedNotification.type, {});
      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: entryUri, languageId: 'typescriptreact', version: 1, text: fs.readFileSync(entryPath, 'utf8') },
      });
      await waitFor(() => published, 'the first evaluation', () => stderr.slice(-3000));
      const titles = async () => (await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } }))
        .filter((l) => l.range.start.line === 0).map((l) => l.command?.title ?? '');
      const top = await titles();
      assert.match(top[0], /^⚠ Interrupted deployment: run `creact resume` .*`creact rollback`/, JSON.stringify(top));
      assert.match(top[1], /^Plan: /, 'the summary follows the warning');

      const resumed = spawnSync(JAVA, [...JVM, '-jar', JAR, 'resume', '--auto-approve'], { cwd: project, env, encoding: 'utf8' });
      assert.equal(resumed.status, 0, resumed.stdout + resumed.stderr);
      // Any edit re-evaluates; the warning is gone (the record changed on disk, so it is read again).
      await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: entryUri, version: 2 }, contentChanges: [{ text: fs.readFileSync(entryPath, 'utf8') + '\n' }],
      });
      await waitFor(async () => !(await titles()).some((t) => t.startsWith('⚠')), 'the warning to go', () => stderr.slice(-3000));
    } finally {
      await stopServer(connection, server);
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
