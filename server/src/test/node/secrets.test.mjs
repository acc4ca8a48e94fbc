// Secrets through the language server with a real LSP client: a stack whose props use secret(), planned in the
// editor (diagnostics, lenses, hover), deployed with creact.deploy, changed (the plan says "secret changed")
// and deployed again by dev mode. Then every byte the server sent, its stderr and every file under .creact/
// are searched for each secret's value, raw and in base64: zero hits. Run by scripts/test-lsp-node.
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
const JVM = ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow', '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1'];
const TIMEOUT = 60_000;
const VALUES = { API_KEY: 'lsp-api-key-7f3e9', DB_PASSWORD: 'lsp-db-pass-2c8d1', NEXT: 'lsp-api-key-rotated-55' };
const ENV = { ...process.env, NO_COLOR: '1', CREACT_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('secrets in creact lsp', () => {
  let project, server, connection, entryPath, entryUri;
  let version = 1;
  let wire = '';
  let stderr = '';
  const diagnostics = new Map();
  const questions = [];
  const cycles = [];
  const byToken = new Map();
  const text = [
    'import { useInstance, secret } from "creact";',
    'import { MockResource } from "creact/mock";',
    'export default function App() {',
    '  const db = useInstance(MockResource, { key: "db", password: secret("DB_PASSWORD") });',
    '  useInstance(MockResource, { key: "api", apiKey: secret("API_KEY"), db: db.outputs.id });',
    '  return null;',
    '}',
    '',
  ].join('\n');
  const line = (needle) => text.split('\n').findIndex((l) => l.includes(needle));
  const plans = () => (diagnostics.get(entryUri) ?? []).filter((x) => String(x.code ?? '').startsWith('plan-'));

  function secrets(...args) {
    const [name, value] = args;
    const r = spawnSync(JAVA, [...JVM, '-jar', JAR, 'secrets', 'set', name], { cwd: project, env: ENV, input: value });
    assert.equal(r.status, 0, String(r.stderr));
  }

  async function waitFor(get, what) {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const v = get();
      if (v) return v;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(diagnostics.get(entryUri))}\n${stderr.slice(-2000)}`);
      }
      await sleep(20);
    }
  }

  const hover = (needle) => connection.sendRequest(lsp.HoverRequest.type,
    { textDocument: { uri: entryUri }, position: { line: line(needle), character: 8 } });

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-lsp-secrets-'));
    entryPath = path.join(project, 'infrastructure.tsx');
    entryUri = pathToFileURL(entryPath).href;
    fs.writeFileSync(entryPath, text);
    secrets('API_KEY', VALUES.API_KEY);
    secrets('DB_PASSWORD', VALUES.DB_PASSWORD);

    server = spawn(JAVA, [...JVM, '-Xss16m', '-jar', JAR, 'lsp', '--stdio'], { cwd: project, env: ENV });
    server.stderr.on('data', (d) => { stderr += d; });
    server.stdout.on('data', (d) => { wire += d.toString('latin1'); });
    connection = rpc.createMessageConnection(new rpc.StreamMessageReader(server.stdout),
      new rpc.StreamMessageWriter(server.stdin));
    connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => diagnostics.set(p.uri, p.diagnostics));
    connection.onRequest(lsp.WorkDoneProgressCreateRequest.type, () => null);
    connection.onNotification('$/progress', ({ token, value }) => {
      if (value.kind === 'begin') {
        const c = { title: value.title, reports: [] };
        byToken.set(token, c);
        if (value.title.startsWith('creact dev')) cycles.push(c);
      } else if (value.kind === 'end' && byToken.get(token)) {
        byToken.get(token).end = value.message;
      }
    });
    connection.onRequest(lsp.ShowMessageRequest.type, (p) => { questions.push(p.message); return { title: 'Apply' }; });
    connection.listen();
    await connection.sendRequest(lsp.InitializeRequest.type, {
      processId: process.pid, rootUri: pathToFileURL(project).href,
      workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'secrets' }],
      capabilities: { window: { workDoneProgress: true, showMessage: { messageActionItem: {} } } },
      initializationOptions: { stack: 'dev' },
    });
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

  it('plans, hovers, lenses, deploys, shows a changed secret, deploys it in dev mode: no value anywhere', async () => {
    await waitFor(() => plans().some((d) => d.message.startsWith('+ create api')), 'the plan of api');
    const before = await hover('key: "api"');
    assert.match(before.contents.value, /apiKey: secret\("API_KEY"\)/, before.contents.value);
    await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });

    const report = await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.deploy', arguments: [entryUri] });
    assert.equal(report.outcome, 'deployed', JSON.stringify(report));
    await waitFor(() => plans().length === 0, 'no plan left');
    const deployed = await hover('key: "api"');
    assert.match(deployed.contents.value, /\(secret\)/, 'the echoed output is masked: ' + deployed.contents.value);
    await connection.sendRequest(lsp.CodeLensRequest.type, { textDocument: { uri: entryUri } });

    secrets('API_KEY', VALUES.NEXT);
    version += 1;
    await connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri: entryUri, version }, contentChanges: [{ text: text + '\n' }],
    });
    const changed = await waitFor(() => plans().find((d) => d.message.startsWith('~ update api')), 'the secret change');
    assert.match(changed.message, /apiKey: \(secret changed\)/, changed.message);
    const h = await hover('key: "api"');
    assert.match(h.contents.value, /apiKey: \(secret changed\)/, h.contents.value);

    assert.equal(await connection.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'creact.dev', arguments: [entryUri] }), true);
    fs.writeFileSync(entryPath, text + '\n');
    await connection.sendNotification(lsp.DidSaveTextDocumentNotification.type, { textDocument: { uri: entryUri } });
    await waitFor(() => cycles.find((c) => c.end !== undefined), 'a dev cycle');
    assert.match(cycles[0].end, /^creact dev: applied 1 change/, cycles[0].end);
    await waitFor(() => plans().length === 0, 'no plan left after dev mode');

    const hits = [];
    const scan = (where, content) => {
      for (const [name, v] of Object.entries(VALUES)) {
        for (const form of [v, Buffer.from(v).toString('base64'), Buffer.from(v).toString('base64').replace(/=+$/, '')]) {
          if (content.includes(form)) hits.push(`${where}: ${name}${form === v ? '' : ' (base64)'}`);
        }
      }
    };
    scan('server messages', wire);
    scan('server stderr', stderr);
    const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
    for (const f of walk(path.join(project, '.creact'))) scan(path.relative(project, f), fs.readFileSync(f, 'latin1'));
    assert.deepEqual(hits, []);
    assert.ok(wire.length > 1000, 'the scan saw the traffic');
  });
});
