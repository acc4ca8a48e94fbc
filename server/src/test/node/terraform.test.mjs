// The language server with a Terraform module in the stack (examples/terraform-vpc): the module's own plan
// is in the hover of its element, and a wrong variable is an error at the element while typing.
// Needs the real terraform on the PATH; skipped (saying so) without it. Run by scripts/test-lsp-node.
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
const EXAMPLE = path.resolve(process.env.CREACT_EXAMPLE ?? '../../../../examples/hello', '..', 'terraform-vpc');
const TIMEOUT = 90_000;
const terraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;

describe('creact lsp with a Terraform module', { skip: terraform ? false : 'terraform is not on the PATH' }, () => {
  let project, server, connection, entryUri, text;
  let version = 1;
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

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp-tf-'));
    fs.cpSync(EXAMPLE, project, { recursive: true, filter: (src) => !/[/\\](out|\.creact)$/.test(src) });
    const entryPath = path.join(project, 'infrastructure.tsx');
    entryUri = pathToFileURL(entryPath).href;
    text = fs.readFileSync(entryPath, 'utf8');
    server = spawn(JAVA, ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-Xss16m',
      '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', JAR, 'lsp', '--stdio'], { cwd: project });
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
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'vpc' }],
    });
    await connection.sendNotification(lsp.InitializedNotification.type, {});
    await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri: entryUri, languageId: 'typescriptreact', version, text },
    });
  });

  after(async () => {
    await stopServer(connection, server);
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('the hover on the module shows the resources terraform plans inside it', async () => {
    await waitForDiagnostics((d) => d.some((x) => x.message.startsWith('+ create vpc')), '+ create vpc');
    const hover = await connection.sendRequest(lsp.HoverRequest.type, {
      textDocument: { uri: entryUri }, position: { line: lineOf('useInstance(TerraformModule'), character: 16 },
    });
    assert.ok(hover, 'a hover on the module');
    assert.match(hover.contents.value, /terraform:Module/);
    assert.match(hover.contents.value, /terraform plans inside it:/);
    assert.match(hover.contents.value, /\+ terraform_data\.vpc/);
    assert.match(hover.contents.value, /\+ terraform_data\.subnet\["c"\]/);
    assert.match(hover.contents.value, /Plan: 4 to add, 0 to change, 0 to destroy\./);
  });

  it('an unknown variable typed into vars is an error at the element, with a suggestion', async () => {
    const at = lineOf('vars:');
    const lines = text.split('\n');
    lines[at] = lines[at].replace('cidr:', 'cidrr:');
    text = lines.join('\n');
    version += 1;
    await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: entryUri, version }, contentChanges: [{ text }],
    });
    const unknown = (x) => x.severity === lsp.DiagnosticSeverity.Error && /has no input/.test(x.message);
    const d = await waitForDiagnostics((ds) => ds.some(unknown), 'the unknown-variable error');
    const error = d.find(unknown);
    assert.ok(d.some((x) => x.severity === lsp.DiagnosticSeverity.Error && /needs vars\.cidr \(string\)/.test(x.message)),
      'and the variable it replaced is now missing');
    assert.match(error.message, /has no input 'cidrr'/);
    assert.match(error.message, /did you mean 'cidr'/);
    assert.equal(error.range.start.line, lineOf('useInstance(TerraformModule'));
  });
});
