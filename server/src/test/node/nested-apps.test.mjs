// The language server with nested apps (examples/monorepo, deployed first by the CLI): the lens on a
// CReactApp element shows its child's summary, the hover its child's changes, and editing a child's file on
// disk while the root is open plans the root again. Run by scripts/test-lsp-node.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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
const EXAMPLE = path.resolve(process.env.CREACT_EXAMPLE ?? '../../../../examples/hello', '..', 'monorepo');
const TIMEOUT = 90_000;
const JVM = ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xss16m',
  '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

describe('creact lsp with nested apps', () => {
  let project, server, connection, entryUri, text;
  const diagnostics = new Map();
  const waiters = [];
  let stderr = '';

  function waitForDiagnostics(predicate, what) {
    return new Promise((resolve, reject) => {
      const w = { check() { const d = diagnostics.get(entryUri); if (d && predicate(d)) { clearTimeout(t); resolve(d); return true; } return false; } };
      const t = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}; latest: ${JSON.stringify(diagnostics.get(entryUri))}\n${stderr.slice(-2000)}`));
      }, TIMEOUT);
      if (!w.check()) waiters.push(w);
    });
  }
  const lineOf = (needle) => text.split('\n').findIndex((l) => l.includes(needle));
  const lensAt = async (line) => {
    const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
    return lenses.filter((l) => l.range.start.line === line).map((l) => l.command.title);
  };

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp-apps-'));
    fs.cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !/[/\\](out|\.creact)$/.test(src) });
    const deployed = spawnSync(JAVA, [...JVM, '-jar', JAR, 'deploy', '--auto-approve'], { cwd: project, encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(deployed.status, 0, deployed.stdout + deployed.stderr);
    const entryPath = path.join(project, 'infrastructure.tsx');
    entryUri = pathToFileURL(entryPath).href;
    text = fs.readFileSync(entryPath, 'utf8');
    server = spawn(JAVA, [...JVM, '-jar', JAR, 'lsp', '--stdio'], { cwd: project });
    server.stderr.on('data', (d) => { stderr += d; });
    connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...waiters]) if (w.check()) waiters.splice(waiters.indexOf(w), 1);
    });
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.listen();
    await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'monorepo' }],
    });
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: entryUri, languageId: 'typescriptreact', version: 1, text },
    });
  });

  after(async () => {
    await stopServer(connection, server);
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('a deployed app shows its outputs in its lens', async () => {
    await waitForDiagnostics((d) => Array.isArray(d), 'the first evaluation');
    let titles = [];
    for (let i = 0; i < 100 && !titles.some((t) => t.startsWith('✓ deployed')); i++) {
      titles = await lensAt(lineOf('key: "backend"') - 1);
      if (!titles.some((t) => t.startsWith('✓ deployed'))) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(titles.some((t) => /^✓ deployed · url=https:\/\/api-/.test(t)), JSON.stringify(titles));
    assert.ok(!titles.some((t) => t.includes('$signals')), JSON.stringify(titles));
  });

  it("editing a child's file re-plans the root: the lens has the child's summary, the hover its changes", async () => {
    const child = path.join(project, 'apps', 'frontend', 'infrastructure.tsx');
    fs.writeFileSync(child, fs.readFileSync(child, 'utf8').replace('apiUrl: ctx.apiUrl }', 'apiUrl: ctx.apiUrl, cdn: true }'));
    await connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(child).href, type: lsp.FileChangeType.Changed }],
    });
    await waitForDiagnostics((d) => d.some((x) => x.message.startsWith('~ update frontend')), '~ update frontend');
    const line = lineOf('key: "frontend"') - 1;
    const titles = await lensAt(line);
    assert.ok(titles.some((t) => t.includes('app dev/frontend: Plan: 0 to create, 1 to update')), JSON.stringify(titles));
    const hover = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line, character: 20 },
    });
    assert.ok(hover, 'a hover on the app');
    assert.match(hover.contents.value, /app dev\/frontend plans inside it:/);
    assert.match(hover.contents.value, /~ config \(local:File\)/);
  });
});
