// Issue 21 item 9: the server answers protocol mistakes with the JSON-RPC codes a client can act on
// (-32601 for an unknown method, -32602 for bad params, with a clear message and no Java exception text),
// and published diagnostics carry the version of the document that was evaluated.
import { describe, it } from 'node:test';
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

const SOURCE = (n) => `import { useInstance } from "creact";
import { MockResource } from "creact/mock";
export default function App() {
  useInstance(MockResource, { key: "a", n: ${n} });
  useInstance(MockResource, { key: "b", n: ${n} });
  return null;
}
`;

async function error(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('the request was expected to fail');
}

describe('protocol errors and diagnostic versions', () => {
  it('answers -32601, -32602 without Java text, and publishes diagnostics with the evaluated version', async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-protocol-'));
    const entryPath = path.join(project, 'infrastructure.tsx');
    const entryUri = pathToFileURL(entryPath).href;
    fs.writeFileSync(entryPath, SOURCE(1));
    const server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow',
      '-Xss16m', '-jar', JAR, 'lsp'], { cwd: project });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += d; });
    const connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
    const published = [];
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === entryUri) published.push(p);
    });
    connection.listen();
    try {
      await connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {}, workspaceFolders: null,
      });
      await connection.sendNotification(lsp.InitializedNotification.type, {});

      const unknown = await error(connection.sendRequest('creact/noSuchMethod', {}));
      assert.equal(unknown.code, -32601, `${unknown.code} ${unknown.message}`);

      const badHover = await error(connection.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }));
      assert.equal(badHover.code, -32602, `${badHover.code} ${badHover.message}`);
      assert.match(badHover.message, /textDocument/, 'names the missing field');
      assert.doesNotMatch(badHover.message, /NullPointerException|java\.|Exception/, badHover.message);

      const badLens = await error(connection.sendRequest('textDocument/codeLens', { textDocument: {} }));
      assert.equal(badLens.code, -32602, `${badLens.code} ${badLens.message}`);
      assert.doesNotMatch(badLens.message, /NullPointerException|java\.|Exception/, badLens.message);

      await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri: entryUri, languageId: 'typescriptreact', version: 7, text: SOURCE(1) },
      });
      const deadline = Date.now() + TIMEOUT;
      while (!published.some((p) => p.diagnostics.length > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const first = published.find((p) => p.diagnostics.length > 0);
      assert.ok(first, `diagnostics were published\n${stderr.slice(-2000)}`);
      assert.equal(first.version, 7, JSON.stringify(first));

      await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
        textDocument: { uri: entryUri, version: 8 }, contentChanges: [{ text: SOURCE(2) }],
      });
      while (!published.some((p) => p.version === 8) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(published.some((p) => p.version === 8), JSON.stringify(published.map((p) => p.version)));
      // The server is still well after all that.
      const lenses = await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });
      assert.ok(lenses.length > 0);
    } finally {
      await stopServer(connection, server);
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
